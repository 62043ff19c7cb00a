package io.sluice.admin;

import io.sluice.manage.ManageException;
import io.sluice.manage.Violation;
import io.sluice.scan.Contents;
import io.sluice.scan.EngineLoader;
import io.sluice.scan.Engines;
import io.sluice.scan.spam.BayesLearner;
import io.sluice.scan.virus.SignatureFiles;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code /api/v1/scanning}: the embedded engines. Teach the Bayes classifier with whole messages
 * ({@code POST /spam/learn?as=spam|ham}, the raw RFC 5322 message as the body), see what it knows,
 * and see or reload the virus signatures and spam rules.
 */
@Path("/scanning")
@Produces(MediaType.APPLICATION_JSON)
public class ScanningResource {

    static final int MAX_LEARN_SIZE = 10 * 1024 * 1024;

    @Inject
    BayesLearner learner;

    @Inject
    Audit audit;

    @Inject
    Engines engines;

    @Inject
    EngineLoader loader;

    @JsonbPropertyOrder({"spamMessages", "hamMessages", "tokens"})
    public record Bayes(long spamMessages, long hamMessages, int tokens) {
    }

    @JsonbPropertyOrder({"directory", "files", "skipped", "bodySignatures", "hashSignatures", "spamRules"})
    public record Signatures(String directory, int files, int skipped, int bodySignatures, int hashSignatures,
                             int spamRules) {
    }

    @POST
    @Path("spam/learn")
    @Consumes("message/rfc822") // text/plain would let another site's form teach Bayes (see CrossSiteRequestGuard)
    public BayesLearner.Result learn(@QueryParam("as") String as, InputStream body) throws IOException {
        if (!"spam".equals(as) && !"ham".equals(as)) {
            throw new ManageException.InvalidInput(List.of(new Violation("as", "must be spam or ham")));
        }
        byte[] message = body.readNBytes(MAX_LEARN_SIZE + 1);
        if (message.length > MAX_LEARN_SIZE || message.length == 0) {
            throw new ManageException.InvalidInput(List.of(new Violation("body",
                    "must be one message of 1 to " + MAX_LEARN_SIZE + " octets")));
        }
        BayesLearner.Result learned = learner.learn(Contents.inMemory(message), "spam".equals(as));
        audit.record("learn-" + as, "bayes", null, learned);
        return learned;
    }

    @GET
    @Path("spam/bayes")
    public Bayes bayes() {
        return new Bayes(engines.bayes().spamMessages(), engines.bayes().hamMessages(), engines.bayes().size());
    }

    @GET
    @Path("signatures")
    public Signatures signatures() {
        return signatures(loader.lastLoad());
    }

    @POST
    @Path("signatures/reload")
    public Signatures reload() {
        Signatures loaded = signatures(loader.reload());
        audit.record("reload", "signatures", null, loaded);
        return loaded;
    }

    private Signatures signatures(SignatureFiles.Load load) {
        return new Signatures(loader.directory().toString(), load.files(), load.skipped(),
                load.signatures().bodyCount(), load.signatures().hashCount(), engines.rules().size());
    }
}
