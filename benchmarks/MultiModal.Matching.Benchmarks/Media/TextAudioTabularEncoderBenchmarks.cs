using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Encoders;

namespace MultiModal.Matching.Benchmarks.Media;

/// <summary>Throughput of the built-in text, audio and tabular encoders (one input per call, into a reused buffer).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TextAudioTabularEncoderBenchmarks
{
    private const string Sentence = "A small grey cat sleeps on the warm windowsill while rain taps softly against the glass of the old house.";

    private readonly HashedTextEncoder _text = new();
    private readonly MfccAudioEncoder _audio = new();
    private TabularEncoder _tabular = null!;
    private AudioClip _clip16k1s = null!;
    private AudioClip _clip8k1s = null!;
    private Dictionary<string, object?> _row = [];
    private float[] _textOut = [];
    private float[] _audioOut = [];
    private float[] _tabularOut = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _clip16k1s = new AudioClip(Enumerable.Range(0, 16000).Select(n => (float)((0.3 * Math.Sin(n * 0.1)) + (0.1 * (random.NextDouble() - 0.5)))).ToArray(), 1, 16000);
        _clip8k1s = new AudioClip(Enumerable.Range(0, 8000).Select(n => (float)((0.3 * Math.Sin(n * 0.2)) + (0.1 * (random.NextDouble() - 0.5)))).ToArray(), 1, 8000);
        string[] colours = ["red", "green", "blue", "black", "white"];
        var rows = Enumerable.Range(0, 1000).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["price"] = random.Next(100, 1000), ["area"] = random.NextDouble() * 200, ["rooms"] = random.Next(1, 6),
            ["colour"] = colours[i % 5], ["city"] = $"city{random.Next(40)}",
        }).ToArray();
        _tabular = TabularEncoder.Fit(rows,
            [TabularColumn.Numeric("price"), TabularColumn.Numeric("area"), TabularColumn.Numeric("rooms"), TabularColumn.Categorical("colour"), TabularColumn.Categorical("city")]);
        _row = new Dictionary<string, object?> { ["price"] = 420, ["area"] = 88.5, ["rooms"] = 3, ["colour"] = "blue", ["city"] = "city7" };
        _textOut = new float[_text.Dimension];
        _audioOut = new float[_audio.Dimension];
        _tabularOut = new float[_tabular.Dimension];
    }

    [Benchmark]
    public float Text_Sentence19Words()
    {
        _text.Encode(Sentence, _textOut);
        return _textOut[0];
    }

    [Benchmark]
    public float Audio_1s16k()
    {
        _audio.Encode(_clip16k1s, _audioOut);
        return _audioOut[0];
    }

    [Benchmark]
    public float Audio_1s8kResampled()
    {
        _audio.Encode(_clip8k1s, _audioOut);
        return _audioOut[0];
    }

    [Benchmark]
    public float Tabular_Row5Columns()
    {
        _tabular.Encode(_row, _tabularOut);
        return _tabularOut[0];
    }
}
