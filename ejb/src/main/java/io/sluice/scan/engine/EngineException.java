package io.sluice.scan.engine;

import java.io.IOException;

/** An external engine could not give an answer: unreachable, timed out, or it said ERROR. */
public class EngineException extends IOException {

    private static final long serialVersionUID = 1L;

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
