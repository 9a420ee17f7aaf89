package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HelloTest {
    @Test
    void echoes() throws Exception {
        assertEquals("echoed: unit test", Hello.echo("unit test"));
    }
}
