using System.Text.Json.Serialization;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>The persisted form of a fitted <see cref="TabularEncoder"/> (JSON, source-generated, AOT-safe).</summary>
internal sealed class TabularEncoderState
{
    public int FormatVersion { get; set; }

    public bool Normalize { get; set; }

    public List<TabularColumnState> Columns { get; set; } = [];
}

/// <summary>One fitted column.</summary>
internal sealed class TabularColumnState
{
    public string Name { get; set; } = "";

    public TabularColumnKind Kind { get; set; }

    public float Weight { get; set; }

    public double Mean { get; set; }

    public double StandardDeviation { get; set; }

    public List<string>? Categories { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TabularEncoderState))]
internal sealed partial class TabularJsonContext : JsonSerializerContext
{
}
