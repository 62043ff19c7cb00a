package io.sluice.admin;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Problem responses written where JAX-RS does not reach: error pages and the authentication mechanism. */
final class ServletProblems {

    private static final Jsonb JSON = JsonbBuilder.create();
    /** The request attribute with a problem for {@link ProblemErrorServlet} to write. */
    static final String ATTRIBUTE = "io.sluice.admin.problem";

    private ServletProblems() {
    }

    /**
     * Refuses the request from the authentication mechanism: the container answers a failed
     * authentication itself, with its error page, which writes this problem.
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, Problem problem) {
        request.setAttribute(ATTRIBUTE, problem);
        response.setStatus(problem.status());
    }

    static void write(HttpServletResponse response, Problem problem) {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(JSON.toJson(problem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
