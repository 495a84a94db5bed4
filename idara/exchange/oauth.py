"""OAuth2 client credentials (django-oauth-toolkit), restricted to each registered
administration's own scopes: a token is never granted for a service it was not given."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from idara.exchange.models import ClientAdministration


class ExchangeValidator(OAuth2Validator):
    def _registered_scopes(self, client) -> set[str]:
        found = ClientAdministration.objects.filter(application=client, active=True).first()
        return set(found.scopes) if found else set()

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        return set(scopes) <= self._registered_scopes(client)

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return sorted(self._registered_scopes(request.client))
