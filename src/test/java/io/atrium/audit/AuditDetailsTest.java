package io.atrium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditDetailsTest {

    @Test
    void aRoleChangeReadsAsTheRoleNames() {
        assertThat(AuditDetails.readable("from=member to=admin")).isEqualTo("Regular user → Administrator");
    }

    @Test
    void aPlanChangeWithCommasReadsAsThePlanNames() {
        assertThat(AuditDetails.readable("from=free, to=developer")).isEqualTo("Free → Developer");
    }

    @Test
    void severalFactsReadAsLabelledWordsInTheirOrder() {
        assertThat(AuditDetails.readable("index=Lectures of 2026, videos=3, failed=0"))
                .isEqualTo("Index: Lectures of 2026 · Videos: 3 · Failed: 0");
    }

    @Test
    void knownValuesAndInstantsReadAsWords() {
        assertThat(AuditDetails.readable("reason=membership_ended")).isEqualTo(
                "Reason: the member who created it left the organization");
        assertThat(AuditDetails.readable("expires_at=2027-01-05T10:20:30Z")).isEqualTo("Expires: 2027-01-05 10:20 UTC");
        assertThat(AuditDetails.readable("was=Old name")).isEqualTo("Was “Old name”");
        assertThat(AuditDetails.readable("by=invitation")).isEqualTo("Through an invitation");
    }

    @Test
    void anUnknownKeyReadsAsItsWordsAndTextWithoutFactsStaysAsItIs() {
        assertThat(AuditDetails.readable("new_thing=x")).isEqualTo("New thing: x");
        assertThat(AuditDetails.readable("plain words")).isEqualTo("plain words");
        assertThat(AuditDetails.readable(null)).isNull();
    }
}
