"""An administration connected to the demo's exchange, so that a citizen has one to choose on
their data-sharing page: the urban agency, which asks for the permits Idara issued."""

from joserfc.jwk import ECKey

from idara.exchange.models import ClientAdministration, Scope
from idara.exchange.services import register_client

IDENTIFIER = "demo-agence-urbaine"


def load_demo_administration() -> ClientAdministration:
    found = ClientAdministration.objects.filter(identifier=IDENTIFIER).first()
    if found:
        return found
    public = ECKey.generate_key("P-256").as_dict(private=False)
    client, _secret = register_client(
        IDENTIFIER,
        name_fr="Agence urbaine de Tétouan (démonstration)",
        name_ar="الوكالة الحضرية لتطوان (عرض توضيحي)",
        public_jwk=public,
        scopes=[Scope.PERMIT, Scope.CIVIL_EXTRACT, Scope.VERIFY],
    )
    return client
