from django.db.models import QuerySet

from idara.notifications.models import Message


def messages_about(dossier) -> QuerySet[Message]:
    """What was sent to the applicant about a dossier, newest first: for the agents who may
    read the dossier (the caller has checked it), each with its state and attempts."""
    return Message.objects.filter(about=dossier.reference).order_by("-created_at", "-id")
