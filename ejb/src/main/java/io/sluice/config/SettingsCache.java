package io.sluice.config;

import jakarta.enterprise.context.ApplicationScoped;

/** The current {@link RuntimeSettings}; replaced by the configuration loader on every change. */
@ApplicationScoped
public class SettingsCache {

    private volatile RuntimeSettings current;

    public RuntimeSettings current() {
        RuntimeSettings s = current;
        if (s == null) {
            throw new IllegalStateException("settings are not loaded yet");
        }
        return s;
    }

    public void replace(RuntimeSettings next) {
        current = next;
    }
}
