from rest_framework import serializers
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import IsAuthenticated

from idara.accounts.models import Membership, User
from idara.accounts.selectors import memberships_of


class MembershipSerializer(serializers.ModelSerializer):
    collectivity = serializers.CharField(source="collectivity.code", default=None)
    service = serializers.IntegerField(source="service.id", default=None)

    class Meta:
        model = Membership
        fields = ["role", "collectivity", "service"]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["email", "full_name", "preferred_language", "memberships"]

    def get_memberships(self, user) -> list[dict]:
        return MembershipSerializer(memberships_of(user), many=True).data


class MeView(RetrieveAPIView):
    """The signed-in user and where they work."""

    serializer_class = MeSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return self.request.user
