using System.Text.RegularExpressions;
using Cloudnet.Ipamd.Metrics;

namespace Cloudnet.Ipamd.Tests.Metrics;

public sealed partial class MetricRegistryTests
{
    [Fact]
    public void ExportText_UnlabeledCounterAndGauge_HelpTypeAndZeroFromTheStart()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("x_runs_total", "Runs.");
        registry.CreateGauge("x_up", "Up.\nSecond line with a \\ backslash.").Set(1.5);

        Assert.Equal(
            "# HELP x_runs_total Runs.\n# TYPE x_runs_total counter\nx_runs_total 0\n" +
            "# HELP x_up Up.\\nSecond line with a \\\\ backslash.\n# TYPE x_up gauge\nx_up 1.5\n",
            registry.ExportText());
    }

    [Fact]
    public void ExportText_LabeledCounter_LabelsInDeclaredOrderEscapedAndOnlyUsedChildren()
    {
        var registry = new MetricRegistry();
        var calls = registry.CreateCounter("x_calls_total", "Calls.", "provider", "operation");
        calls.WithLabels("local", "Describe").Inc();
        calls.WithLabels("local", "Describe").Inc(2);
        calls.WithLabels("a\"b\\c\nd", "Assign").Inc();

        var text = registry.ExportText();

        Assert.Contains("x_calls_total{provider=\"local\",operation=\"Describe\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("x_calls_total{provider=\"a\\\"b\\\\c\\nd\",operation=\"Assign\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // HELP, TYPE, two children
    }

    [Fact]
    public void ExportText_Histogram_CumulativeBucketsInfSumAndCount()
    {
        var registry = new MetricRegistry();
        var latency = registry.CreateHistogram("x_seconds", "Latency.", [0.001, 0.01, 1], "op");
        foreach (var v in new[] { 0.0005, 0.001, 0.005, 0.5, 3 })
        {
            latency.WithLabels("add").Observe(v);
        }

        Assert.Equal(
            "# HELP x_seconds Latency.\n# TYPE x_seconds histogram\n" +
            "x_seconds_bucket{op=\"add\",le=\"0.001\"} 2\n" +
            "x_seconds_bucket{op=\"add\",le=\"0.01\"} 3\n" +
            "x_seconds_bucket{op=\"add\",le=\"1\"} 4\n" +
            "x_seconds_bucket{op=\"add\",le=\"+Inf\"} 5\n" +
            "x_seconds_sum{op=\"add\"} 3.5065\n" +
            "x_seconds_count{op=\"add\"} 5\n",
            registry.ExportText());
    }

    [Fact]
    public void ExportText_EveryLine_IsACommentOrASampleOfTheTextFormat()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("a_total", "A.", "k").WithLabels("v").Inc();
        registry.CreateHistogram("b_seconds", "B.", [0.0001, 2.5]).Observe(0.00003);
        registry.CreateGauge("c", "C.").Set(double.NaN);
        registry.CreateGauge("d", "D.").Set(double.PositiveInfinity);

        foreach (var line in registry.ExportText().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(SampleOrComment(), line);
        }
    }

    [Fact]
    public void Create_SameNameTypeAndLabels_ReturnsTheSameMetric()
    {
        var registry = new MetricRegistry();

        Assert.Same(registry.CreateCounter("x_total", "X.", "a"), registry.CreateCounter("x_total", "X.", "a"));
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void Create_InvalidMetricName_ArgumentExceptionNamingIt(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateGauge(name, "Bad."));

        Assert.Contains($"'{name}' is not a valid metric name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("__reserved")]
    [InlineData("le")]
    [InlineData("a:b")]
    public void Create_InvalidLabelName_ArgumentExceptionNamingIt(string label)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateCounter("x_total", "X.", label));

        Assert.Contains($"'{label}' is not a valid label name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NameTakenByAnotherTypeOrLabels_Throws()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("x_total", "X.", "a");

        Assert.Contains("already registered as a counter", Assert.Throws<ArgumentException>(() => registry.CreateGauge("x_total", "X.", "a")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => registry.CreateCounter("x_total", "X.", "b"));
    }

    [Fact]
    public void Histogram_BoundsNotAscending_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateHistogram("x", "X.", [1, 1]));
        Assert.Throws<ArgumentException>(() => new MetricRegistry().CreateHistogram("y", "Y.", []));
    }

    [Fact]
    public void Counter_NegativeIncrement_ThrowsAndIncToOnlyRaises()
    {
        var counter = new MetricRegistry().CreateCounter("x_total", "X.");

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1));
        counter.IncTo(5);
        counter.IncTo(3);
        Assert.Equal(5, counter.Value);
    }

    [Fact]
    public void WithLabels_WrongNumberOfValues_ThrowsAndUnlabeledUseOfALabeledMetricThrows()
    {
        var counter = new MetricRegistry().CreateCounter("x_total", "X.", "a", "b");

        Assert.Contains("has labels [a, b]; got 1 value(s)", Assert.Throws<ArgumentException>(() => counter.WithLabels("only-one")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => counter.Inc());
    }

    [Fact]
    public void Metrics_ConcurrentUpdates_NothingLost()
    {
        var registry = new MetricRegistry();
        var counter = registry.CreateCounter("x_total", "X.", "outcome");
        var histogram = registry.CreateHistogram("x_seconds", "X.", [0.5]);

        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                counter.WithLabels(i % 2 == 0 ? "even" : "odd").Inc();
                histogram.Observe(i % 2 == 0 ? 0.25 : 1);
            }
        });

        Assert.Equal(80_000, counter.WithLabels("even").Value);
        Assert.Equal(80_000, counter.WithLabels("odd").Value);
        var text = registry.ExportText();
        Assert.Contains("x_seconds_bucket{le=\"0.5\"} 80000\n", text, StringComparison.Ordinal);
        Assert.Contains("x_seconds_count 160000\n", text, StringComparison.Ordinal);
        Assert.Contains("x_seconds_sum 100000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportText_BeforeCollectCallbacks_RunFirst()
    {
        var registry = new MetricRegistry();
        var gauge = registry.CreateGauge("x", "X.");
        var source = 0;
        registry.AddBeforeCollectCallback(() => gauge.Set(++source));

        registry.ExportText();

        Assert.Contains("x 2\n", registry.ExportText(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN))$")]
    private static partial Regex SampleOrComment();
}
