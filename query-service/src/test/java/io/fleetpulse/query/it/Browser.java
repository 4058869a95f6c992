package io.fleetpulse.query.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver} packages) driven through its
 * chromedriver: nothing is downloaded, Selenium Manager is not used. Without the browser the test is skipped on a
 * developer's machine and fails where {@code CI} is set (CI installs it).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser launch() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "the dashboard browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                fail(missing + "; .ci/run installs them, so CI must have them");
            }
            Assumptions.abort("skipped outside CI: " + missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no traffic but to the service under test: no sync, updates, field trials or QUIC probes
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** A fresh page load (not only a hash change), then waits until the view finished loading. */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
        new WebDriverWait(driver, WAIT).until(d -> "false".equals(find("main").getDomAttribute("data-busy")));
    }

    /** Signs in through the page's token form (kept in the page's localStorage for the later page loads). */
    void signIn(String pageUrl, String token) {
        open(pageUrl);
        WebElement input = find("#token-input");
        input.clear();
        input.sendKeys(token);
        find("#token-save").click();
        new WebDriverWait(driver, WAIT).until(d -> find("#token-clear").isDisplayed()
                && "false".equals(find("main").getDomAttribute("data-busy")));
    }

    /** Waits until a chart has drawn, and returns the data it was given (read back from its own option). */
    ChartData chart(String id) {
        WebElement chart = find("#" + id);
        new WebDriverWait(driver, WAIT).until(d -> "true".equals(chart.getDomAttribute("data-rendered")));
        try {
            List<String> labels = JSON.readValue(chart.getDomAttribute("data-labels"), new TypeReference<>() {
            });
            List<Series> series = JSON.readValue(chart.getDomAttribute("data-series"), new TypeReference<>() {
            });
            return new ChartData(labels, series, chart.getRect().getWidth());
        } catch (IOException e) {
            throw new IllegalStateException("chart " + id + " published unreadable data", e);
        }
    }

    record Series(String name, List<Double> data) {
    }

    record ChartData(List<String> labels, List<Series> series, int width) {
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).withMessage(what).until(d -> condition.getAsBoolean());
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Requests to URLs matching these patterns fail as if the server were down (empty: none). */
    void block(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /** A phone's viewport (CSS pixels), touch and mobile layout; {@link #desktop()} undoes it. */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
