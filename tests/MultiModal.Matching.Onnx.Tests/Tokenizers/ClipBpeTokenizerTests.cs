using System.Text.Json;
using MultiModal.Matching.Onnx.Tests.TestSupport;
using MultiModal.Matching.Onnx.Tokenizers;
using MultiModal.Matching.Testing;

namespace MultiModal.Matching.Onnx.Tests.Tokenizers;

public sealed class ClipBpeTokenizerTests
{
    private const string Folder = "tokenizers/clip_bpe/";
    private static readonly Lazy<ClipBpeTokenizer> s_fromMerges = new(() => ClipBpeTokenizer.FromBpeMerges(TestData.Path(Folder + "bpe_simple_vocab_16e6.txt.gz")));
    private static readonly Lazy<ClipBpeTokenizer> s_fromJson = new(() => ClipBpeTokenizer.FromTokenizerJson(TestData.Path(Folder + "hf_format_from_onnxruntime_extensions/tokenizer.json")));

    public static IEnumerable<TestCaseData> Cases()
    {
        string? found = SharedTestData.TryFind(Folder + "reference_tokenizations_openai_simple_tokenizer.json");
        if (found is null)
        {
            yield return new TestCaseData(null, null, null, null).SetName("ReferenceData_Missing");
            yield break;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(found));
        int index = 0;
        foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return new TestCaseData(
                c.GetProperty("text").GetString(),
                c.GetProperty("bpe_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                c.GetProperty("bpe_tokens").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                c.GetProperty("clip_tokenize_77").EnumerateArray().Select(e => e.GetInt64()).ToArray())
                .SetArgDisplayNames($"case{index++:D2}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void EncodeIds_ReferenceCase_MatchesOpenAiSimpleTokenizer(string? text, int[]? ids, string[]? tokens, long[]? fixed77)
    {
        if (text is null)
        {
            TestData.Path(Folder + "reference_tokenizations_openai_simple_tokenizer.json");
            return;
        }

        ClipBpeTokenizer tokenizer = s_fromMerges.Value;
        int[] actual = tokenizer.EncodeIds(text);

        Assert.That(actual, Is.EqualTo(ids));
        Assert.That(actual.Select(tokenizer.GetToken), Is.EqualTo(tokens));
        Assert.That(tokenizer.EncodeFixed(text), Is.EqualTo(fixed77));
    }

    [TestCaseSource(nameof(Cases))]
    public void EncodeFixed_TokenizerJsonReferenceCase_MatchesOpenAiSimpleTokenizer(string? text, int[]? ids, string[]? tokens, long[]? fixed77)
    {
        if (text is null)
        {
            TestData.Path(Folder + "reference_tokenizations_openai_simple_tokenizer.json");
            return;
        }

        Assert.That(s_fromJson.Value.EncodeIds(text), Is.EqualTo(ids));
        Assert.That(s_fromJson.Value.EncodeFixed(text), Is.EqualTo(fixed77));
    }

    [Test]
    public void FromBpeMerges_OpenAiVocabulary_HasClipSizesAndSpecialIds()
    {
        ClipBpeTokenizer tokenizer = s_fromMerges.Value;
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(49408));
        Assert.That(tokenizer.StartId, Is.EqualTo(49406));
        Assert.That(tokenizer.EndId, Is.EqualTo(49407));
        Assert.That(tokenizer.MaxLength, Is.EqualTo(77));
        Assert.That(tokenizer.GetToken(256), Is.EqualTo("!</w>"));
    }

    [Test]
    public void Encode_ShortSpan_TruncatesKeepingEndTokenAndFillsMask()
    {
        ClipBpeTokenizer tokenizer = s_fromMerges.Value;
        long[] ids = new long[6];
        long[] mask = new long[6];
        long[] types = new long[6];

        int count = tokenizer.Encode("a photo of a great white shark", ids, mask, types);

        Assert.That(count, Is.EqualTo(6));
        Assert.That(ids[0], Is.EqualTo(49406));
        Assert.That(ids[5], Is.EqualTo(49407));
        Assert.That(ids[1..5], Is.EqualTo(tokenizer.EncodeIds("a photo of a great white shark").Take(4).Select(i => (long)i)));
        Assert.That(mask, Is.All.EqualTo(1));
        Assert.That(types, Is.All.EqualTo(0));
    }

    [Test]
    public void Encode_RepeatedText_SameIdsFromCache()
    {
        ClipBpeTokenizer tokenizer = s_fromMerges.Value;
        long[] first = tokenizer.EncodeFixed("supercalifragilisticexpialidocious");
        long[] second = tokenizer.EncodeFixed("supercalifragilisticexpialidocious");
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Encode_MismatchedSpans_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => s_fromMerges.Value.Encode("x", new long[77], new long[76], new long[77]));
    }

    [Test]
    public void FromBpeMerges_TruncatedFile_ThrowsInvalidData()
    {
        string path = Path.Combine(Path.GetTempPath(), "clip-merges-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "#version: 0.2\nh e\n");
        try
        {
            Assert.Throws<InvalidDataException>(() => ClipBpeTokenizer.FromBpeMerges(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
