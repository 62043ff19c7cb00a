package io.sluice.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Base of the console's browser tests: one browser for the class, a fresh install's configuration
 * and an empty quarantine before and after each test, and logging in by the console's form.
 */
abstract class ConsoleTest extends GatewayTest {

    static ConsoleBrowser browser;

    final Api admin = Api.admin();

    @BeforeAll
    static void launchBrowser() {
        browser = ConsoleBrowser.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        Api.resetConfiguration();
        admin.expect(200, admin.post("/api/v1/quarantine/delete", null));
    }

    /** A tab of the console, logged in by its form, showing the given page. */
    static ConsoleBrowser.Tab logIn(int width, String user, String password, String hash) {
        ConsoleBrowser.Tab tab = browser.open(width, 900);
        Page page = tab.page();
        page.navigate("/" + hash);
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        button(page, "Log in").click();
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))).isVisible();
        return tab;
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
