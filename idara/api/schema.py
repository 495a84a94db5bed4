"""The OpenAPI document says what every operation may answer besides its success: the
contract's error body, for the refusals any operation can meet (CONTRACT.md, "Errors")."""

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
REFUSALS = {
    "400": "The input is not valid: each field says why.",
    "401": "No valid token or session.",
    "403": "Signed in, but not allowed to do this.",
    "404": "Nothing of the caller's is at this address.",
    "405": "This method is not served here.",
    "406": "None of the formats asked for is served here.",
    "413": "The request is larger than the limit.",
    "415": "The request's format is not accepted here.",
    "422": "The Idempotency-Key was used before with another request.",
    "429": "Too many requests: wait as Retry-After says.",
}


def add_refusals(result, generator, request, public):
    """drf-spectacular post-processing hook: the error body as a component, and each refusal
    on every operation that does not describe it itself."""
    del generator, request, public
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in REFUSALS.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result
