using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MultiModal.Matching.Benchmarks.Onnx;

/// <summary>Tokens produced per second (from the median), for benchmarks that record their tokens per operation.</summary>
public sealed class TokensPerSecondColumn : IColumn
{
    /// <summary>Tokens per operation, by benchmark method name (filled by the benchmarks' global setup; in-process job).</summary>
    public static ConcurrentDictionary<string, long> TokensPerOperation { get; } = new();

    public string Id => nameof(TokensPerSecondColumn);

    public string ColumnName => "Mtokens/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Millions of tokens produced per second, from the median time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is null || !TokensPerOperation.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out long tokens))
        {
            return "-";
        }

        return (tokens / report.ResultStatistics.Median * 1e3).ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
