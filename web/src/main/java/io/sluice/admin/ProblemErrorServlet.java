package io.sluice.admin;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * The error page for refusals the container makes before the API is reached (401 without or with
 * wrong credentials, 403 for a role that may not do this), so those are problem+json as well; and
 * for the authentication mechanism's own refusals, which the container also turns into errors:
 * their problem waits in a request attribute.
 */
@WebServlet("/problem")
public class ProblemErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(ServletProblems.ATTRIBUTE) instanceof Problem given) {
            ServletProblems.write(response, given);
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 401 -> "credentials are required (HTTP Basic or a console login, a user of the Sluice admin API)";
            case 403 -> "this user's role may not do this (changes need the role admin)";
            default -> "request refused";
        };
        ServletProblems.write(response, Problem.of(s != null ? s : Response.Status.BAD_REQUEST, detail));
    }
}
