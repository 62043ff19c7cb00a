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
        Tab tab = new Tab(context, page, new CopyOnWriteArrayList<>());
        page.onConsoleMessage(m -> {
            // the console asks who is logged in, and logs in, expecting a 401 when nobody is (or the password is wrong)
            boolean loginRefusal = m.location().startsWith(BASE + "/api/v1/session") && m.text().contains("status of 401");
            if (m.type().equals("error") && !loginRefusal) {
                tab.problems.add("console: " + m.text() + " at " + m.location());
            }
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

    /** One tab in a profile of its own. */
    record Tab(BrowserContext context, Page page, List<String> problems, List<String> dialogs) implements AutoCloseable {

        Tab(BrowserContext context, Page page, List<String> problems) {
            this(context, page, problems, new CopyOnWriteArrayList<>());
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

        /** Nothing went wrong in the page: no script error, no refused request, no policy violation. */
        void assertNoProblems() {
            assertEquals(List.of(), problems);
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
