"""Email: the SMTP sender (`sender`), the messages in Spanish and English (`messages`, `texts`)."""
from tracker.mail.sender import MailError, SmtpMailer, SmtpSettings

__all__ = ["MailError", "SmtpMailer", "SmtpSettings"]
