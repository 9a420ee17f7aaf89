package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HelloIT {
    @Test
    void echoes() throws Exception {
        assertEquals("echoed: integration test", Hello.echo("integration test"));
    }
}
