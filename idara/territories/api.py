from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView

from idara.territories import selectors
from idara.territories.models import Collectivity, Service


class CollectivitySerializer(serializers.ModelSerializer):
    # A region has no parent: null, as the spec now says.
    parent_code = serializers.CharField(
        source="parent.code", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = Collectivity
        fields = ["code", "kind", "name_fr", "name_ar", "parent_code"]


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["id", "kind", "name_fr", "name_ar"]


class CollectivityDetailSerializer(CollectivitySerializer):
    services = ServiceSerializer(many=True, read_only=True)

    class Meta(CollectivitySerializer.Meta):
        fields = CollectivitySerializer.Meta.fields + ["name_zgh", "services"]


@extend_schema(
    parameters=[
        OpenApiParameter(
            "kind",
            enum=["", *selectors.KIND_FILTERS],
            description="region, prefecture, province, commune_urban, "
            "commune_rural, arrondissement, or commune for both kinds of commune",
        ),
        OpenApiParameter("parent", description="HCP code of the parent unit"),
        OpenApiParameter("q", description="words of the name, in French or Arabic"),
    ]
)
class CollectivityList(ListAPIView):
    """Morocco's collectivities (arrondissements only with kind=arrondissement)."""

    serializer_class = CollectivitySerializer

    def get_queryset(self):
        params = self.request.query_params
        try:
            return selectors.collectivities(
                kind=params.get("kind", ""),
                parent_code=params.get("parent", ""),
                q=params.get("q", ""),
            )
        except selectors.UnknownKind:
            raise ValidationError({"kind": [_("Unknown kind of collectivity.")]})


class CollectivityDetail(RetrieveAPIView):
    """One collectivity with its services."""

    serializer_class = CollectivityDetailSerializer

    def get_object(self):
        try:
            return selectors.collectivity(self.kwargs["code"])
        except Collectivity.DoesNotExist:
            raise NotFound(_("No collectivity has this code."))
