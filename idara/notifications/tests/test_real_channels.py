"""Messages leave for real: e-mail to an SMTP server (aiosmtpd's, on loopback), SMS to an
operator's HTTP gateway (a server of the test's own); a channel that fails keeps the message for
another attempt, and the agent reads each message's state on the dossier."""

import json
import logging
import threading
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from idara.conftest import make_user, staff_login
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.notifications.models import Channel, State
from idara.notifications.services import deliver, notify, queue
from idara.tests.separate_instance import free_port

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.mails.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's, a line per command
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


class Gateway(BaseHTTPRequestHandler):
    received: list = []
    answer = 202

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Gateway.received.append((self.headers["Authorization"], json.loads(body)))
        self.send_response(Gateway.answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    Gateway.received, Gateway.answer = [], 202
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SMS_BACKEND = "idara.notifications.sms.HttpGatewaySMSBackend"
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/messages"
    settings.SMS_GATEWAY_TOKEN, settings.SMS_SENDER = "operator-token", "IDARA"
    yield Gateway
    server.shutdown()


def test_an_email_reaches_the_smtp_server(smtp):
    inbox = smtp
    message = queue(Channel.EMAIL, "amina@example.ma", "Votre demande", "Elle est reçue.")
    assert deliver(message.pk)
    [(to, mail)] = inbox.mails
    assert to == ["amina@example.ma"] and mail["Subject"] == "Votre demande"
    assert "Elle est reçue." in mail.get_payload(decode=True).decode()
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.SENT, 1)


def test_an_smtp_server_that_is_down_leaves_the_message_for_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_USE_TLS = False
    message = queue(Channel.EMAIL, "amina@example.ma", "Votre demande", "Elle est reçue.")
    assert not deliver(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.PENDING, 1)
    assert "ConnectionRefusedError" in message.last_error and message.next_attempt_at


def test_an_sms_goes_to_the_gateway_with_its_token(gateway):
    message = queue(Channel.SMS, "+212661234567", "", "Idara : votre code est 123456.")
    assert deliver(message.pk)
    assert gateway.received == [
        (
            "Bearer operator-token",
            {"to": "+212661234567", "from": "IDARA", "text": "Idara : votre code est 123456."},
        )
    ]


def test_a_gateway_that_refuses_keeps_the_sms_for_another_attempt(gateway):
    gateway.answer = 503
    message = queue(Channel.SMS, "+212661234567", "", "Texte")
    assert not deliver(message.pk)
    message.refresh_from_db()
    assert message.state == State.PENDING and "HTTP 503" in message.last_error
    gateway.answer = 202
    assert deliver(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.SENT, 2)


def test_the_agent_reads_each_messages_state_on_the_dossier(
    client, gateway, smtp, offered, citizen, agent
):
    citizen.phone = "+212661234567"
    citizen.save()
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    gateway.answer = 500
    for message in notify(citizen, "Sujet", "Texte", about=dossier.reference):
        deliver(message.pk)
    staff_login(client, agent)
    page = client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").content.decode()
    assert "Messages au demandeur" in page
    assert "Envoyé" in page and "En file d’attente" in page and "HTTP 500" in page
    assert "…67" in page and "+212661234567" not in page  # enough to tell, not to copy
    other = make_user("outsider@example.ma")
    client.force_login(other)
    assert client.get(f"/fr/backoffice/dossiers/{dossier.pk}/").status_code in (302, 404)
