import factory

from idara.territories.models import Collectivity, Kind

PARENT_KIND = {
    Kind.PREFECTURE: Kind.REGION,
    Kind.PROVINCE: Kind.REGION,
    Kind.COMMUNE_URBAN: Kind.PROVINCE,
    Kind.COMMUNE_RURAL: Kind.PROVINCE,
    Kind.ARRONDISSEMENT: Kind.COMMUNE_URBAN,
}


class CollectivityFactory(factory.django.DjangoModelFactory):
    """A unit with its chain of parents up to a region, codes in the HCP shape."""

    class Meta:
        model = Collectivity

    kind = Kind.COMMUNE_RURAL
    name_fr = factory.Sequence(lambda n: f"Commune {n}")
    name_ar = factory.Sequence(lambda n: f"جماعة {n}")

    @factory.lazy_attribute
    def parent(self):
        parent_kind = PARENT_KIND.get(self.kind)
        return CollectivityFactory(kind=parent_kind) if parent_kind else None

    @factory.lazy_attribute
    def region(self):
        if self.parent is None:
            return None
        return self.parent if self.parent.kind == Kind.REGION else self.parent.region

    @factory.lazy_attribute_sequence
    def code(self, n):
        if self.parent is None:
            return f"{n % 100:02d}."
        if self.parent.kind == Kind.REGION:
            return f"{self.parent.code}{n % 1000:03d}."
        return f"{self.parent.code}{n % 100:02d}.{n % 97:02d}."
