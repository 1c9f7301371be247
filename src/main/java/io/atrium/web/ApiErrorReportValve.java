package io.atrium.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;

import io.atrium.api.ApiErrors;
import io.atrium.api.ApiPaths;

/**
 * Tomcat's report of an error it found before the application saw the request (a URL it will not decode, a
 * malformed header or Content-Length, a transfer coding or HTTP version it does not speak): the API's JSON error
 * for API paths, and for requests whose path could not even be read (no browser sends those); elsewhere Tomcat's
 * own page, without its version or any detail.
 */
final class ApiErrorReportValve extends ErrorReportValve {

    private final ObjectProvider<ApiErrors> errors;

    ApiErrorReportValve(ObjectProvider<ApiErrors> errors) {
        this.errors = errors;
        setShowServerInfo(false);
        setShowReport(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        if (uri != null && !uri.isEmpty() && !ApiPaths.isApiPath(uri)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        // As the page would be: nothing for a success, nor when something was written or already reported.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                ApiErrors api = errors.getObject();
                writer.write(api.toJson(api.forStatus(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone, or the response can no longer be written: there is no one left to tell
        }
    }
}
