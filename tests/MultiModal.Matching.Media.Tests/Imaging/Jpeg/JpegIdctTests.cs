using MultiModal.Matching.Media.Imaging.Jpeg;

namespace MultiModal.Matching.Media.Tests.Imaging.Jpeg;

[TestFixture]
public sealed class JpegIdctTests
{
    [TestCase(1, 0.05)]
    [TestCase(2, 0.3)]
    [TestCase(3, 1.0)]
    public void Transform_RandomBlocks_WithinOneOfDoublePrecisionReference(int seed, double density)
    {
        var random = new Random(seed);
        short[] block = new short[64];
        float[] quant = new float[64];
        byte[] fast = new byte[8 * 12];
        byte[] reference = new byte[8 * 12];
        for (int trial = 0; trial < 500; trial++)
        {
            for (int i = 0; i < 64; i++)
            {
                quant[i] = random.Next(1, 40);
                block[i] = random.NextDouble() < density ? (short)random.Next(-60, 61) : (short)0;
            }

            block[0] = (short)random.Next(-128, 128);
            JpegIdct.Transform(block, quant, fast, 12);
            JpegIdct.TransformReference(block, quant, reference, 12);
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    Assert.That(Math.Abs(fast[(y * 12) + x] - reference[(y * 12) + x]), Is.LessThanOrEqualTo(1), $"trial {trial} at ({x},{y})");
                }
            }
        }
    }

    [Test]
    public void Transform_DcOnlyBlock_FillsFlatLevelShiftedValue()
    {
        short[] block = new short[64];
        block[0] = 10;
        float[] quant = Enumerable.Repeat(8f, 64).ToArray();
        byte[] output = new byte[64];

        JpegIdct.Transform(block, quant, output, 8);

        // DC 10 × Q 8 / 8 = 10, plus the 128 level shift.
        Assert.That(output, Is.All.EqualTo(138));
    }
}
