package io.sluice.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The node's properties, read once when first needed. */
@ApplicationScoped
public class NodePropertiesProducer {

    @Produces
    @Singleton
    NodeProperties nodeProperties() {
        return NodeProperties.fromSystem();
    }
}
