package dev.tractor.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limit of {@link StartAdmission} and its turns; the runtime's use of it is ChildStartAdmissionTest's. */
class StartAdmissionTest {
    @AfterEach
    void clearTheProperty() {
        System.clearProperty(StartAdmission.PROPERTY);
    }

    @Test
    void theLimitIsTheNumberOfCoresButAtLeastTwoUnlessThePropertySetsIt() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(2, cores), StartAdmission.fromSystemProperty().limit());
        System.setProperty(StartAdmission.PROPERTY, " 7 ");
        assertEquals(7, StartAdmission.fromSystemProperty().limit());
        System.setProperty(StartAdmission.PROPERTY, "1");
        assertEquals(1, StartAdmission.fromSystemProperty().limit());
    }

    @Test
    void aLimitThatIsNotAWholeNumberOfAtLeastOneIsRefusedByName() {
        for (String wrong : new String[] {"0", "-3", "two", "2.5"}) {
            System.setProperty(StartAdmission.PROPERTY, wrong);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, StartAdmission::fromSystemProperty);
            assertTrue(e.getMessage().contains(StartAdmission.PROPERTY) && e.getMessage().contains("'" + wrong + "'"),
                    e.getMessage());
        }
    }

    @Test
    void aStartBeyondTheLimitWaitsUntilATurnIsGivenBack() throws Exception {
        StartAdmission admission = new StartAdmission(2);
        Sc.run(() -> {
            StartAdmission.Turn first = admission.await();
            StartAdmission.Turn second = admission.await();
            assertEquals(2, admission.underWay());
            Nursery.open(n -> {
                n.startSoon("third", () -> admission.await().close());
                while (admission.waiting() != 1) {
                    Sc.sleep(Duration.ofMillis(2));
                }
                first.close();
                first.close(); // a second close gives back nothing more
            });
            assertEquals(1, admission.underWay(), "the third took the turn and gave it back");
            assertEquals(0, admission.waiting());
            second.close();
            assertEquals(0, admission.underWay());
        });
    }
}
