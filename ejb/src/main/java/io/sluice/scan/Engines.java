package io.sluice.scan;

import io.sluice.scan.spam.BayesModel;
import io.sluice.scan.spam.SpamRules;
import io.sluice.scan.virus.Signatures;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The embedded engines' current data: virus signatures, spam rules and the Bayes model. Every
 * message reads them here with volatile reads; {@link EngineLoader} replaces them when the files
 * change.
 */
@ApplicationScoped
public class Engines {

    private volatile Signatures signatures = Signatures.builtIn();
    private volatile SpamRules rules = SpamRules.defaults();
    private final BayesModel bayes = new BayesModel();

    public Signatures signatures() {
        return signatures;
    }

    public SpamRules rules() {
        return rules;
    }

    public BayesModel bayes() {
        return bayes;
    }

    void replace(Signatures newSignatures, SpamRules newRules) {
        this.signatures = newSignatures;
        this.rules = newRules;
    }
}
