package io.sluice.smtp;

import io.sluice.api.AuthReplies;
import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;

/** The engine's fixed replies, built once; replies that quote the client are made by the methods below. */
public final class Replies {

    public static final Reply OK = Reply.of(ReplyCode.OK, EnhancedStatus.OK, "Ok");
    public static final Reply SENDER_OK = Reply.of(ReplyCode.OK, EnhancedStatus.SENDER_OK, "Ok");
    /** The engine's reply to a message the listener accepted without saying more. */
    public static Reply queued(String queueId) {
        return Reply.of(ReplyCode.OK, EnhancedStatus.OK, "Ok: queued as " + queueId);
    }

    public static final Reply RECIPIENT_OK = Reply.of(ReplyCode.OK, EnhancedStatus.DESTINATION_OK, "Ok");
    public static final Reply BYE = Reply.of(ReplyCode.CLOSING, EnhancedStatus.OK, "Bye");
    public static final Reply START_DATA = Reply.of(ReplyCode.START_MAIL_INPUT, null,
            "End data with <CR><LF>.<CR><LF>");
    public static final Reply CANNOT_VRFY = Reply.of(ReplyCode.CANNOT_VERIFY, EnhancedStatus.CANNOT_VERIFY,
            "Cannot VRFY user, but will accept message and attempt delivery");

    public static final Reply UNKNOWN_COMMAND = Reply.of(ReplyCode.SYNTAX_ERROR, EnhancedStatus.SYNTAX_ERROR,
            "Error: command not recognized");
    public static final Reply EMPTY_COMMAND = Reply.of(ReplyCode.SYNTAX_ERROR, EnhancedStatus.SYNTAX_ERROR,
            "Error: bad syntax");
    public static final Reply COMMAND_TOO_LONG = Reply.of(ReplyCode.SYNTAX_ERROR, EnhancedStatus.SYNTAX_ERROR,
            "Error: command line too long");
    public static final Reply BARE_LINE_ENDING_IN_COMMAND = Reply.of(ReplyCode.SYNTAX_ERROR,
            EnhancedStatus.SYNTAX_ERROR, "Error: bare <CR> or <LF> in command; lines must end with <CR><LF>");
    public static final Reply NOT_IMPLEMENTED = Reply.of(ReplyCode.NOT_IMPLEMENTED, EnhancedStatus.INVALID_COMMAND,
            "Error: command not implemented");

    public static final Reply READY_FOR_TLS = Reply.of(ReplyCode.SERVICE_READY, EnhancedStatus.OK, "Ready to start TLS");
    public static final Reply TLS_ACTIVE = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: TLS already active");
    public static final Reply TLS_REQUIRED = Reply.of(ReplyCode.AUTHENTICATION_REQUIRED,
            EnhancedStatus.SECURITY_REQUIRED, "Must issue a STARTTLS command first");
    public static final Reply PROXY_REFUSED = Reply.of(ReplyCode.TRANSACTION_FAILED, EnhancedStatus.SECURITY_REQUIRED,
            "Error: PROXY protocol not accepted from this address");
    public static final Reply AUTH_OK = AuthReplies.SUCCEEDED;
    public static final Reply AUTH_FAILED = AuthReplies.FAILED;
    public static final Reply AUTH_TOO_MANY = Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.TEMPORARY_POLICY,
            "Error: too many failed authentication attempts");
    public static final Reply AUTH_TEMPORARY = AuthReplies.TEMPORARY_FAILURE;
    public static final Reply AUTH_NEEDS_TLS = Reply.of(ReplyCode.ENCRYPTION_REQUIRED, EnhancedStatus.ENCRYPTION_REQUIRED,
            "Encryption required for requested authentication mechanism");
    public static final Reply AUTH_ALREADY = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: already authenticated");
    public static final Reply AUTH_IN_TRANSACTION = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: AUTH not allowed during a mail transaction");
    public static final Reply AUTH_UNKNOWN_MECHANISM = Reply.of(ReplyCode.PARAMETER_NOT_IMPLEMENTED,
            EnhancedStatus.INVALID_ARGUMENTS, "Error: unrecognized authentication type");
    public static final Reply AUTH_CANCELLED = Reply.of(ReplyCode.PARAMETER_SYNTAX_ERROR, EnhancedStatus.CANCELLED,
            "Error: authentication cancelled");
    public static final Reply AUTH_BAD_RESPONSE = Reply.of(ReplyCode.PARAMETER_SYNTAX_ERROR, EnhancedStatus.SYNTAX_ERROR,
            "Error: cannot decode the response");
    public static final Reply EARLY_TALKER = Reply.of(ReplyCode.TRANSACTION_FAILED, EnhancedStatus.INVALID_COMMAND,
            "Error: SMTP protocol synchronization: talking before the greeting");
    public static final Reply DATA_AFTER_BDAT = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: DATA after BDAT in the same transaction");
    public static final Reply NON_ASCII_ADDRESS = Reply.of(ReplyCode.MAILBOX_NAME_NOT_ALLOWED,
            EnhancedStatus.NON_ASCII_ADDRESS,
            "Error: non-ASCII address without SMTPUTF8");
    public static final Reply BINARYMIME_NEEDS_BDAT = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: a BINARYMIME message must be sent with BDAT");
    public static final Reply NEED_HELO = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: send HELO/EHLO first");
    public static final Reply NESTED_MAIL = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: nested MAIL command");
    public static final Reply NEED_MAIL = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: need MAIL command");
    public static final Reply NEED_RCPT = Reply.of(ReplyCode.BAD_SEQUENCE, EnhancedStatus.INVALID_COMMAND,
            "Error: need RCPT command");
    public static final Reply NO_VALID_RECIPIENTS = Reply.of(ReplyCode.TRANSACTION_FAILED,
            EnhancedStatus.INVALID_COMMAND, "Error: no valid recipients");

    public static final Reply BAD_SENDER = Reply.of(ReplyCode.PARAMETER_SYNTAX_ERROR,
            EnhancedStatus.BAD_SENDER_SYNTAX, "Error: bad sender address syntax");
    public static final Reply BAD_RECIPIENT = Reply.of(ReplyCode.PARAMETER_SYNTAX_ERROR,
            EnhancedStatus.BAD_DESTINATION_SYNTAX, "Error: bad recipient address syntax");
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(ReplyCode.INSUFFICIENT_STORAGE,
            EnhancedStatus.TOO_MANY_RECIPIENTS, "Error: too many recipients");
    public static final Reply MESSAGE_TOO_BIG = Reply.of(ReplyCode.EXCEEDED_STORAGE,
            EnhancedStatus.MESSAGE_TOO_BIG, "Error: message size exceeds fixed maximum message size");
    public static final Reply BARE_LINE_ENDING_IN_DATA = Reply.of(ReplyCode.TRANSACTION_FAILED,
            EnhancedStatus.SYNTAX_ERROR, "Error: bare <CR> or <LF> in message content; lines must end with <CR><LF>");
    public static final Reply TEXT_LINE_TOO_LONG = Reply.of(ReplyCode.SYNTAX_ERROR, EnhancedStatus.SYNTAX_ERROR,
            "Error: message line too long");

    public static final Reply TIMEOUT = Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.CONNECTION_TIMEOUT,
            "Error: timeout exceeded");
    public static final Reply LOCAL_ERROR = Reply.of(ReplyCode.LOCAL_ERROR, EnhancedStatus.SYSTEM_ERROR,
            "Error: local error in processing, try again later");
    public static final Reply TOO_MANY_CONNECTIONS = Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE,
            EnhancedStatus.SYSTEM_NOT_ACCEPTING, "Error: too many connections, try again later");
    public static final Reply TOO_MANY_ERRORS = Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, EnhancedStatus.TEMPORARY_POLICY,
            "Error: too many errors");
    public static final Reply SHUTTING_DOWN = Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE,
            EnhancedStatus.SYSTEM_NOT_ACCEPTING, "Service shutting down, try again later");

    private Replies() {
    }

    public static Reply syntax(String usage) {
        return Reply.of(ReplyCode.PARAMETER_SYNTAX_ERROR, EnhancedStatus.INVALID_ARGUMENTS, "Syntax: " + usage);
    }

    public static Reply unsupportedParameter(String keyword) {
        return Reply.of(ReplyCode.PARAMETERS_NOT_RECOGNIZED, EnhancedStatus.INVALID_ARGUMENTS,
                "Error: unsupported parameter " + keyword);
    }

    public static Reply badParameter(String detail) {
        return Reply.of(ReplyCode.PARAMETER_SYNTAX_ERROR, EnhancedStatus.INVALID_ARGUMENTS, "Error: " + detail);
    }
}
