"""Django's JSON serializer, keeping datetimes to the microsecond.

The stock encoder rounds them to the millisecond, which would change what the audit log's
hashes cover: a restored chain must verify.
"""

import datetime

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        self.options["cls"] = ExactEncoder
        super()._init_options()


Deserializer = JSONDeserializer
