package io.sluice.downstream;

import io.sluice.api.RelayException;
import jakarta.resource.ResourceException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A downstream whose operations are answered as the test scripts them, in order: a value is the
 * operation's result, a {@link ResourceException} or {@link RelayException} is thrown.
 */
public final class ScriptedDownstream extends Downstream {

    public final Deque<Object> answers = new ArrayDeque<>();
    public int calls;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T call(String what, Operation<T> operation) throws ResourceException, RelayException {
        calls++;
        Object answer = answers.removeFirst();
        if (answer instanceof ResourceException e) {
            throw e;
        }
        if (answer instanceof RelayException e) {
            throw e;
        }
        return (T) answer;
    }
}
