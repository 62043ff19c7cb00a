package io.sluice.scan;

import io.sluice.config.NodeProperties;
import io.sluice.health.DatabaseStatus;
import io.sluice.scan.spam.BayesModel;
import io.sluice.scan.spam.SpamRules;
import io.sluice.scan.virus.SignatureFiles;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Loads the embedded engines' data: the signature files ({@code *.hdb}, {@code *.hsb},
 * {@code *.ndb}) and local spam rules ({@code *.rules}) of the signature directory, again whenever
 * a file there changes (checked every 30 seconds, or on demand), and the Bayes counts from the
 * database once at start.
 *
 * <p>The directory is {@code sluice.signatures.dir}, by default the server's
 * {@code data/sluice/signatures}.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EngineLoader {

    private static final Logger LOG = Logger.getLogger(EngineLoader.class.getName());

    @Inject
    Engines engines;

    @Inject
    DatabaseStatus database;

    @PersistenceContext(unitName = "sluice")
    EntityManager em;

    private Path directory;
    private volatile Map<String, Long> loaded = Map.of();
    private volatile SignatureFiles.Load lastLoad;

    @Inject
    NodeProperties node;

    @PostConstruct
    void start() {
        directory = node.signatures();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            LOG.warning(() -> "cannot create the signature directory " + directory + ": " + e);
        }
        reload();
        if (database.usable()) { // the Bayes counts live in the database
            loadBayes();
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void check() {
        if (!fingerprint().equals(loaded)) {
            reload();
        }
    }

    /** Reads the signature and rule files again, now. */
    public synchronized SignatureFiles.Load reload() {
        Map<String, Long> files = fingerprint();
        SignatureFiles.Load load = SignatureFiles.load(directory);
        SpamRules rules = SpamRules.load(directory);
        engines.replace(load.signatures(), rules);
        loaded = files;
        lastLoad = load;
        LOG.info(() -> "virus signatures: " + load.signatures() + (load.skipped() > 0 ? ", " + load.skipped()
                + " skipped" : "") + "; spam rules: " + rules.size());
        return load;
    }

    public SignatureFiles.Load lastLoad() {
        return lastLoad;
    }

    public Path directory() {
        return directory;
    }

    private Map<String, Long> fingerprint() {
        Map<String, Long> files = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, "*.{hdb,hsb,ndb,rules}")) {
            for (Path f : dir) {
                files.put(f.getFileName().toString(), Files.getLastModifiedTime(f).toMillis() ^ Files.size(f));
            }
        } catch (IOException e) {
            // an unreadable directory counts as empty; load() logs why
        }
        return files;
    }

    private void loadBayes() {
        Map<String, BayesModel.Counts> counts = new HashMap<>();
        em.createQuery("select t from BayesToken t", io.sluice.scan.spam.BayesToken.class).getResultStream()
                .forEach(t -> counts.put(t.token(), new BayesModel.Counts(t.spamCount(), t.hamCount())));
        io.sluice.scan.spam.BayesState state = em.find(io.sluice.scan.spam.BayesState.class, 1);
        engines.bayes().load(counts, state.spamMessages(), state.hamMessages());
        LOG.info(() -> "Bayes: " + counts.size() + " tokens from " + state.spamMessages() + " spam and "
                + state.hamMessages() + " ham messages");
    }
}
