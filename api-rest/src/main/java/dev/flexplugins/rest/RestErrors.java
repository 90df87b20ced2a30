package dev.flexplugins.rest;

import dev.flexplugins.application.ServiceUnavailableException;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure answers a Twilio error body; nothing leaks a stack trace. */
@Controller
final class RestErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);

    private final Json json;

    RestErrors(Json json) {
        this.json = json;
    }

    @Error(global = true, exception = PluginServiceException.class)
    HttpResponse<byte[]> refused(PluginServiceException e) {
        return json.error(TwilioError.of(e), e.message(RestNames.of(e.field())));
    }

    @Error(global = true, exception = Forms.NotAForm.class)
    HttpResponse<byte[]> notAForm(Forms.NotAForm e) {
        return json.error(TwilioError.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    @Error(global = true, exception = Forms.TooLarge.class)
    HttpResponse<byte[]> tooLarge(Forms.TooLarge e) {
        return json.error(TwilioError.BODY_TOO_LARGE, e.getMessage());
    }

    @Error(global = true, exception = ContentLengthExceededException.class)
    HttpResponse<byte[]> contentTooLong(ContentLengthExceededException e) {
        return json.error(TwilioError.BODY_TOO_LARGE, "The request body is too large");
    }

    @Error(global = true, exception = ConversionErrorException.class)
    HttpResponse<byte[]> conversion(ConversionErrorException e) {
        return json.error(
                TwilioError.INVALID_PARAMETER, "Invalid parameter " + e.getArgument().getName());
    }

    @Error(global = true, exception = UnsatisfiedRouteException.class)
    HttpResponse<byte[]> unsatisfied(UnsatisfiedRouteException e) {
        return json.error(
                TwilioError.INVALID_PARAMETER,
                "Missing or invalid parameter " + e.getArgument().getName());
    }

    @Error(global = true, exception = HttpStatusException.class)
    HttpResponse<byte[]> status(HttpStatusException e) {
        return byStatus(e.getStatus(), e.getMessage());
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    HttpResponse<byte[]> noRoute(HttpRequest<?> request) {
        return json.error(
                TwilioError.NOT_FOUND,
                "The requested resource " + request.getPath() + " was not found");
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    HttpResponse<byte[]> methodNotAllowed(HttpRequest<?> request) {
        return json.error(
                TwilioError.METHOD_NOT_ALLOWED,
                "Method " + request.getMethodName() + " is not allowed on " + request.getPath());
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    HttpResponse<byte[]> unsupportedMediaType(HttpRequest<?> request) {
        return json.error(
                TwilioError.UNSUPPORTED_MEDIA_TYPE,
                "Request bodies must be application/x-www-form-urlencoded");
    }

    @Error(global = true, status = HttpStatus.REQUEST_ENTITY_TOO_LARGE)
    HttpResponse<byte[]> entityTooLarge(HttpRequest<?> request) {
        return json.error(TwilioError.BODY_TOO_LARGE, "The request body is too large");
    }

    @Error(global = true, exception = Throwable.class)
    HttpResponse<byte[]> unexpected(HttpRequest<?> request, Throwable e) {
        Optional<HttpResponse<byte[]>> malformed = malformed(e);
        if (malformed.isPresent()) {
            // the client's fault, told to the client; one log line (RequestAdmission), no stack
            // trace
            request.setAttribute(RequestAdmission.FAILURE, rootMessage(e));
            return malformed.get();
        }
        Optional<String> unavailable = ServiceUnavailableException.reason(e);
        if (unavailable.isPresent()) {
            // no stack trace: during an outage every request fails the same way; RequestAdmission
            // logs
            // one line with this cause
            request.setAttribute(RequestAdmission.FAILURE, rootMessage(e));
            return json.unavailable(unavailable.get());
        }
        LOG.error(
                "Request {} {} ({}) failed",
                request.getMethodName(),
                request.getPath(),
                RestRequest.requestId(request),
                e);
        return json.error(
                TwilioError.INTERNAL,
                "Internal error; quote request id "
                        + RestRequest.requestId(request)
                        + " when reporting it");
    }

    /**
     * Requests that HTTP decoding refused (Netty's codec): a request line or headers over the
     * limits, or a message that is not valid HTTP. Recognised by the exception's class name, so the
     * facade needs no compile-time tie to Netty.
     */
    private Optional<HttpResponse<byte[]>> malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            switch (t.getClass().getSimpleName()) {
                case "TooLongHttpLineException", "TooLongUriException":
                    return Optional.of(
                            json.error(TwilioError.URI_TOO_LONG, "The request line is too long"));
                case "TooLongHttpHeaderException":
                    return Optional.of(
                            json.error(
                                    TwilioError.HEADERS_TOO_LARGE,
                                    "The request headers are too large"));
                case "TooLongHttpContentException", "TooLongFrameException":
                    return Optional.of(
                            json.error(TwilioError.BODY_TOO_LARGE, "The request is too large"));
                case "DecoderException",
                "PrematureChannelClosureException",
                "IllegalHeaderValueException":
                    return Optional.of(
                            json.error(
                                    TwilioError.INVALID_PARAMETER,
                                    "The request is not valid HTTP"));
                default:
                    break;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 32 && root.getCause() != null; i++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private HttpResponse<byte[]> byStatus(HttpStatus status, String message) {
        for (TwilioError error : TwilioError.values()) {
            if (error.status == status.getCode()) {
                return json.error(error, message);
            }
        }
        return status.getCode() < 500
                ? json.error(TwilioError.INVALID_PARAMETER, message)
                : json.error(TwilioError.INTERNAL, message);
    }
}
