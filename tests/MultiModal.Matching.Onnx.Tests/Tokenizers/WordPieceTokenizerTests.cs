using System.Text.Json;
using MultiModal.Matching.Onnx.Tests.TestSupport;
using MultiModal.Matching.Onnx.Tokenizers;

namespace MultiModal.Matching.Onnx.Tests.Tokenizers;

public sealed class WordPieceTokenizerTests
{
    private const string Folder = "tokenizers/bert_base_uncased/";
    private static readonly Lazy<WordPieceTokenizer> s_tokenizer = new(() => WordPieceTokenizer.FromVocabularyFile(TestData.Path(Folder + "vocab.txt")));

    [Test]
    public void Encode_EveryReferencePair_MatchesOnnxRuntimeExtensionsExactly()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestData.Path(Folder + "reference_pair_encodings_onnxruntime_extensions.json")));
        JsonElement[] cases = document.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.That(cases, Has.Length.EqualTo(8));
        foreach (JsonElement c in cases)
        {
            WordPieceEncoding encoding = s_tokenizer.Value.Encode(c.GetProperty("text_a").GetString()!, c.GetProperty("text_b").GetString());

            string label = c.GetProperty("text_a").GetString()!;
            Assert.That(encoding.InputIds, Is.EqualTo(c.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt64())), label);
            Assert.That(encoding.TokenTypeIds, Is.EqualTo(c.GetProperty("token_type_ids").EnumerateArray().Select(e => e.GetInt64())), label);
            Assert.That(encoding.AttentionMask, Is.EqualTo(c.GetProperty("attention_mask").EnumerateArray().Select(e => e.GetInt64())), label);
            Assert.That(encoding.InputIds.Select(s_tokenizer.Value.GetToken), Is.EqualTo(c.GetProperty("tokens").EnumerateArray().Select(e => e.GetString())), label);
        }
    }

    [Test]
    public void FromVocabularyFile_BertBaseUncased_HasSpecialIds()
    {
        WordPieceTokenizer tokenizer = s_tokenizer.Value;
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(30522));
        Assert.That((tokenizer.PadId, tokenizer.UnkId, tokenizer.ClsId, tokenizer.SepId), Is.EqualTo((0, 100, 101, 102)));
    }

    [Test]
    public void Tokenize_AccentsPunctuationAndCjk_SplitsAsBert()
    {
        WordPieceTokenizer tokenizer = s_tokenizer.Value;
        string[] tokens = tokenizer.Tokenize("Héllo, WORLD! 日本").Select(id => tokenizer.GetToken(id)).ToArray();
        Assert.That(tokens, Is.EqualTo(new[] { "hello", ",", "world", "!", "日", "本" }));
    }

    [Test]
    public void Tokenize_UnknownWord_GivesContinuationsOrUnk()
    {
        WordPieceTokenizer tokenizer = s_tokenizer.Value;
        string[] pieces = tokenizer.Tokenize("unaffable").Select(id => tokenizer.GetToken(id)).ToArray();
        Assert.That(pieces[0], Does.Not.StartWith("##"));
        Assert.That(pieces.Skip(1), Is.All.StartWith("##"));
        Assert.That(string.Concat(pieces).Replace("##", string.Empty, StringComparison.Ordinal), Is.EqualTo("unaffable"));
        Assert.That(tokenizer.Tokenize(new string('x', 101)), Is.EqualTo(new[] { 100 }));
        Assert.That(tokenizer.Tokenize("\u2603"), Is.EqualTo(new[] { 100 }), "a snowman is not in the vocabulary");
    }

    [Test]
    public void Encode_PairOverMaxLength_TruncatesLongestFirst()
    {
        WordPieceEncoding encoding = s_tokenizer.Value.Encode("one two three four five six", "seven", maxLength: 8);
        Assert.That(encoding.InputIds, Has.Count.EqualTo(8));
        Assert.That(encoding.InputIds.Select(s_tokenizer.Value.GetToken), Is.EqualTo(new[] { "[CLS]", "one", "two", "three", "four", "[SEP]", "seven", "[SEP]" }));
        Assert.That(encoding.TokenTypeIds, Is.EqualTo(new long[] { 0, 0, 0, 0, 0, 0, 1, 1 }));
    }

    [Test]
    public void Encode_SpanForm_PadsWithPadAndMasks()
    {
        long[] ids = new long[8];
        long[] mask = new long[8];
        long[] types = new long[8];
        int n = s_tokenizer.Value.Encode("the cat", ids, mask, types);
        Assert.That(n, Is.EqualTo(4));
        Assert.That(ids, Is.EqualTo(new long[] { 101, 1996, 4937, 102, 0, 0, 0, 0 }));
        Assert.That(mask, Is.EqualTo(new long[] { 1, 1, 1, 1, 0, 0, 0, 0 }));
        Assert.That(types, Is.All.EqualTo(0));
    }
}
