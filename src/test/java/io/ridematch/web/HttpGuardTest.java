package io.ridematch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP server under abuse: writes need the token and keep to a rate; a silent connection is closed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpGuardTest {

    private static final String RIDE = """
            {"riderId":"rider-web","pickup":{"lat":40.0176,"lng":-105.2797},"dropoff":{"lat":40.0076,"lng":-105.2659}}""";

    private Vertx vertx;
    private WebClient client;
    private int port;

    @BeforeAll
    void startCity() throws Exception {
        vertx = Vertx.vertx();
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofDays(1), null, 1, 42, 0, null,
                io.ridematch.web.LiveMapSettings.defaults(), new ApiSettings("s3cret", 2), false);
        City city = City.start(vertx, ScenarioFile.load("small-town"), config).await(30, TimeUnit.SECONDS);
        port = city.httpPort();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"));
    }

    @AfterAll
    void stopCity() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void writesNeedTheTokenAndReadsDoNot() throws Exception {
        HttpResponse<Buffer> none = client.post("/api/rides").sendBuffer(Buffer.buffer(RIDE))
                .await(30, TimeUnit.SECONDS);
        HttpResponse<Buffer> wrong = client.post("/api/rides").putHeader("Authorization", "Bearer nope")
                .sendBuffer(Buffer.buffer(RIDE)).await(30, TimeUnit.SECONDS);
        HttpResponse<Buffer> stats = client.get("/api/stats").send().await(30, TimeUnit.SECONDS);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(stats.statusCode()).isEqualTo(200);
    }

    @Test
    void aClientBeyondItsRateGets429WithRetryAfter() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<Buffer> last = null;
        for (int i = 0; i < 12; i++) {
            last = client.post("/api/rides").putHeader("Authorization", "Bearer s3cret")
                    .sendBuffer(Buffer.buffer(RIDE)).await(30, TimeUnit.SECONDS);
            statuses.add(last.statusCode());
        }
        assertThat(statuses).contains(201).contains(429);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("a burst of twice the rate, then the rate")
                .isLessThanOrEqualTo(6);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.getHeader("Retry-After")).isEqualTo("1");
    }

    @Test
    void aConnectionThatSendsNothingIsClosedByTheServer() throws Exception {
        try (Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            silent.setSoTimeout((HttpApiVerticle.IDLE_SECONDS + 15) * 1000);
            InputStream in = silent.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the server kept a silent connection open past its idle timeout");
            }
            assertThat(read).as("end of stream: the server closed it").isEqualTo(-1);
        }
    }

    @Test
    void headersTrickledAByteAtATimeAreCutOff() throws Exception {
        try (Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            slow.setSoTimeout((HttpApiVerticle.HEADERS_SECONDS + 15) * 1000);
            Thread trickle = trickle(slow, "GET /api/stats HTTP/1.1\r\nHost: x\r\n" + "X-Slow: a".repeat(1000));
            int read;
            try {
                read = slow.getInputStream().read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the server kept waiting for headers that trickled in");
            } finally {
                trickle.interrupt();
            }
            assertThat(read).as("end of stream: the server closed it without an answer").isEqualTo(-1);
        }
    }

    @Test
    void aBodyTrickledAByteAtATimeIsA408() throws Exception {
        try (Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            slow.setSoTimeout((HttpApiVerticle.REQUEST_SECONDS + 15) * 1000);
            slow.getOutputStream().write(("POST /api/rides HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n").getBytes());
            Thread trickle = trickle(slow, " ".repeat(10_000));
            String answer;
            try {
                answer = new String(slow.getInputStream().readNBytes(12));
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the server kept waiting for a body that trickled in");
            } finally {
                trickle.interrupt();
            }
            assertThat(answer).isEqualTo("HTTP/1.1 408");
        }
    }

    /** Writes {@code text} one byte every 200 ms (so the idle timeout never fires) until told to stop. */
    private static Thread trickle(Socket socket, String text) {
        Thread writer = new Thread(() -> {
            try {
                for (byte b : text.getBytes()) {
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                    Thread.sleep(200);
                }
            } catch (Exception closedOrStopped) {
                // the server closed the socket, or the test is over
            }
        });
        writer.setDaemon(true);
        writer.start();
        return writer;
    }
}
