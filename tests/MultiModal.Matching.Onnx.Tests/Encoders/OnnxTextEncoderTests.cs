using MultiModal.Matching.Onnx.Encoders;
using MultiModal.Matching.Onnx.Tests.TestSupport;
using MultiModal.Matching.Onnx.Tokenizers;

namespace MultiModal.Matching.Onnx.Tests.Encoders;

public sealed class OnnxTextEncoderTests
{
    private static readonly string[] s_vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "dog", "##s", "sat"];
    private string _vocabularyFile = null!;
    private WordPieceTokenizer _tokenizer = null!;

    [OneTimeSetUp]
    public void CreateVocabulary()
    {
        _vocabularyFile = Path.Combine(Path.GetTempPath(), "mmm-vocab-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllLines(_vocabularyFile, s_vocabulary);
        _tokenizer = WordPieceTokenizer.FromVocabularyFile(_vocabularyFile, maxLength: 16);
    }

    [OneTimeTearDown]
    public void DeleteVocabulary() => File.Delete(_vocabularyFile);

    [TestCase(OnnxModelBuilder.Int64)]
    [TestCase(OnnxModelBuilder.Int32)]
    public async Task GenerateAsync_MaskedMeanOverTokenEmbeddings_EqualsHandComputed(int idType)
    {
        (string model, float[] table) = TinyModels.TextEncoder(s_vocabulary.Length, idType);
        try
        {
            using var encoder = new OnnxTextEncoder(model, _tokenizer, new OnnxTextEncoderOptions { Session = TestRuntime.Options() });
            string[] texts = ["the cat sat", "dogs", "the the the the dog sat"];

            var embeddings = await encoder.GenerateAsync(texts);

            Assert.That(encoder.Dimension, Is.EqualTo(3));
            int[][] ids = [[2, 4, 5, 8, 3], [2, 6, 7, 3], [2, 4, 4, 4, 4, 6, 8, 3]];
            for (int i = 0; i < texts.Length; i++)
            {
                Assert.That(embeddings[i].Vector.ToArray(), Is.EqualTo(ExpectedMean(table, ids[i])).Within(1e-5f), texts[i]);
            }
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Test]
    public void Encode_FirstPooling_TakesClsRow()
    {
        (string model, float[] table) = TinyModels.TextEncoder(s_vocabulary.Length);
        try
        {
            using var encoder = new OnnxTextEncoder(model, _tokenizer, new OnnxTextEncoderOptions { Session = TestRuntime.Options(), Pooling = OnnxPooling.First });
            float[] vector = new float[3];
            encoder.Encode("the dog", vector);
            Assert.That(vector, Is.EqualTo(TinyModels.Normalised(table.AsSpan(2 * 3, 3).ToArray())).Within(1e-5f));
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Test]
    public void EncodeBatch_PaddingToLongestInBatch_DoesNotChangeEmbeddings()
    {
        (string model, _) = TinyModels.TextEncoder(s_vocabulary.Length);
        try
        {
            using var encoder = new OnnxTextEncoder(model, _tokenizer, new OnnxTextEncoderOptions { Session = TestRuntime.Options() });
            float[] alone = new float[3];
            float[] batch = new float[6];
            encoder.Encode("cat", alone);
            encoder.EncodeBatch(["cat", "the cat sat the dog sat"], batch);
            Assert.That(batch.AsSpan(0, 3).ToArray(), Is.EqualTo(alone).Within(1e-6f));
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Test]
    public void Constructor_ModelWithoutIdsInput_ThrowsArgumentException()
    {
        (string model, _) = TinyModels.AudioEncoder();
        try
        {
            var e = Assert.Throws<ArgumentException>(() => new OnnxTextEncoder(model, _tokenizer, new OnnxTextEncoderOptions { Session = TestRuntime.Options() }).Dispose());
            Assert.That(e!.Message, Does.Contain("input_ids"));
        }
        finally
        {
            File.Delete(model);
        }
    }

    private static float[] ExpectedMean(float[] table, int[] ids)
    {
        float[] sum = new float[3];
        foreach (int id in ids)
        {
            for (int d = 0; d < 3; d++)
            {
                sum[d] += table[(id * 3) + d];
            }
        }

        return TinyModels.Normalised(sum.Select(s => s / ids.Length).ToArray());
    }
}
