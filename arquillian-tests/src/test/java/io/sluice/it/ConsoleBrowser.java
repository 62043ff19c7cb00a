package io.sluice.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The machine's Chromium (Debian package chromium) driven by Playwright, for the console's tests.
 * Every tab records what the browser reports as wrong (script errors, refused requests, Content
 * Security Policy violations) so that a test can insist there was nothing, and saves screenshots
 * under {@code target/screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
    static final String BASE = "http://127.0.0.1:" + Gateway.HTTP_PORT;

    /** The flags the project runs Chromium with: headless, and nothing that reaches out on its own. */
    /** How Chromium reports a request that got a 4xx: the API refused something, and the page says so. */
    private static final Pattern REFUSAL = Pattern.compile("Failed to load resource: the server responded with a status of (4\\d\\d) .*");

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private ConsoleBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static ConsoleBrowser launch() {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(System.getProperty("it.chromium", "/usr/bin/chromium")))
                    .setArgs(FLAGS));
            return new ConsoleBrowser(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser profile (no cookies) with one tab of the given size. */
    Tab open(int width, int height) {
        return open(new Browser.NewContextOptions().setViewportSize(width, height));
    }

    private Tab open(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setBaseURL(BASE));
        Page page = context.newPage();
        page.setDefaultTimeout(10_000);
        Tab tab = new Tab(context, page);
        page.onConsoleMessage(m -> {
            if (!m.type().equals("error")) {
                return;
            }
            Matcher refusal = REFUSAL.matcher(m.text());
            if (refusal.matches() && m.location().startsWith(BASE + "/api/v1/")) {
                String path = m.location().substring(BASE.length()).replaceAll(":\\d+:\\d+$", "");
                // the console asks who is logged in expecting a 401 when nobody is
                if (!(path.equals("/api/v1/session") && refusal.group(1).equals("401"))) {
                    tab.refusals.add(refusal.group(1) + " " + path);
                }
                return;
            }
            tab.problems.add("console: " + m.text() + " at " + m.location());
        });
        page.onPageError(e -> tab.problems.add("script: " + e));
        page.onDialog(d -> {
            tab.dialogs.add(d.message());
            d.accept();
        });
        return tab;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /**
     * One tab in a profile of its own. {@code problems}: what went wrong in the page;
     * {@code refusals}: the API's 4xx answers to the page ("400 /api/v1/users"), which the page shows
     * to its user; {@code dialogs}: the questions it asked (all answered yes).
     */
    record Tab(BrowserContext context, Page page, List<String> problems, List<String> refusals, List<String> dialogs)
            implements AutoCloseable {

        Tab(BrowserContext context, Page page) {
            this(context, page, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }

        /** A full-page screenshot, target/screenshots/NAME.png. */
        void screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
        }

        /** Nothing went wrong in the page: no script error, no failed request, no policy violation, no refusal. */
        void assertNoProblems() {
            assertEquals(List.of(), problems);
            assertEquals(List.of(), refusals);
        }

        /** The API refused exactly these requests of the page since the last look; forgets them. */
        void assertRefusals(String... expected) {
            assertEquals(List.of(expected), List.copyOf(refusals));
            refusals.clear();
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
