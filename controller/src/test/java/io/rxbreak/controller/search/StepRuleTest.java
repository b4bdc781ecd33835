package io.rxbreak.controller.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.rxbreak.core.config.BadInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepRuleTest
{
    @ParameterizedTest
    @CsvSource({
        "x1.5, x1.5, 1000, 1500",
        "X2, x2, 1000, 2000",
        "*1.25, x1.25, 1000, 1250",
        "x1.5, x1.5, 1, 2",
        "x1.0001, x1.0001, 10, 11",
        "+10000, +10000, 1000, 11000",
        "+10k, +10000, 1000, 11000",
        "+1.5M, +1500000, 1, 1500001",
        "' +500 ', +500, 0, 500"})
    void parsesFactorsAndIncrements(final String text, final String printed, final long rate, final long next)
    {
        final StepRule rule = StepRule.parse(text);

        assertThat(rule.toString()).isEqualTo(printed);
        assertThat(rule.next(rate)).isEqualTo(next);
        assertThat(StepRule.parse(rule.toString())).isEqualTo(rule);
    }

    @Test
    void aFactorBelowOneIsRefusedNamingTheOption()
    {
        assertThatThrownBy(() -> StepRule.parse("x0.9")).isInstanceOf(BadInputException.class)
            .hasMessage("--step: 'x0.9' must grow the rate: use xF with F > 1 or +N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x1", "+0", "x-2", "x0"})
    void aStepThatDoesNotGrowIsRefused(final String text)
    {
        assertThatThrownBy(() -> StepRule.parse(text)).isInstanceOf(BadInputException.class)
            .hasMessage("--step: '" + text + "' must grow the rate: use xF with F > 1 or +N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "1.5", "10000", "xabc", "+ten", "-100", "x1.5.2", "+-5"})
    void somethingElseIsNotAStep(final String text)
    {
        assertThatThrownBy(() -> StepRule.parse(text)).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("--step: '").hasMessageEndingWith("use xF with F > 1 or +N");
    }

    @Test
    void saturatesInsteadOfOverflowing()
    {
        assertThat(StepRule.parse("x2").next(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(StepRule.parse("+10").next(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anIncrementOfOneIsAStepAndOnlyAFactorIsAFactor()
    {
        assertThat(StepRule.parse("+1").next(5)).isEqualTo(6);
        assertThat(StepRule.parse("+1").isFactor()).isFalse();
        assertThat(StepRule.parse("x1.5").isFactor()).isTrue();
        assertThat(StepRule.parse("+5000").incrementPerSecond()).isEqualTo(5_000);
    }

    @Test
    void stepsAreEqualWhenTheyReadTheSame()
    {
        assertThat(StepRule.parse("X2")).isEqualTo(StepRule.parse("x2")).hasSameHashCodeAs(StepRule.parse("*2.0"));
        assertThat(StepRule.parse("x2")).isNotEqualTo(StepRule.parse("x3")).isNotEqualTo(StepRule.parse("+2"))
            .isNotEqualTo("x2");
    }
}
