using System.Buffers.Binary;
using MultiModal.Matching.Evaluation;

namespace MultiModal.Matching.Tests.Evaluation;

public sealed class TexmexFileTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("texmex-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void WriteThenRead_Fvecs_RoundTrips()
    {
        string path = Path.Combine(_folder, "a.fvecs");
        float[] values = [1, 2, 3, -4.5f, 5, 6];
        TexmexFile.WriteFvecs(path, values, 3);
        Assert.That(new FileInfo(path).Length, Is.EqualTo(2 * (4 + 12)));
        Assert.That(TexmexFile.ReadFvecs(path, out int rows, out int dimension), Is.EqualTo(values));
        Assert.That((rows, dimension), Is.EqualTo((2, 3)));
        Assert.That(TexmexFile.ReadFvecs(path, out rows, out _, maxRows: 1), Is.EqualTo(values[..3]));
        Assert.That(rows, Is.EqualTo(1));
    }

    [Test]
    public void WriteThenRead_Ivecs_RoundTrips()
    {
        string path = Path.Combine(_folder, "a.ivecs");
        TexmexFile.WriteIvecs(path, [7, 8, 9, 10], 2);
        Assert.That(TexmexFile.ReadIvecs(path, out int rows, out int dimension), Is.EqualTo(new[] { 7, 8, 9, 10 }));
        Assert.That((rows, dimension), Is.EqualTo((2, 2)));
    }

    [Test]
    public void Read_Truncated_ThrowsInvalidData()
    {
        string path = Path.Combine(_folder, "t.fvecs");
        TexmexFile.WriteFvecs(path, [1, 2, 3, 4], 2);
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 1);
        }

        Assert.That(() => TexmexFile.ReadFvecs(path, out _, out _), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("t.fvecs"));
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(1 << 20)]
    public void Read_BadDimension_ThrowsInvalidData(int dimension)
    {
        string path = Path.Combine(_folder, "d.fvecs");
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, dimension);
        File.WriteAllBytes(path, bytes);
        Assert.Throws<InvalidDataException>(() => TexmexFile.ReadFvecs(path, out _, out _));
    }

    [Test]
    public void Read_RowWithOtherDimension_ThrowsInvalidData()
    {
        string path = Path.Combine(_folder, "m.ivecs");
        TexmexFile.WriteIvecs(path, [1, 2, 3, 4], 2);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), 3);
        File.WriteAllBytes(path, bytes);
        Assert.That(() => TexmexFile.ReadIvecs(path, out _, out _), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("row 1"));
    }

    [Test]
    public void Read_NonFiniteValue_ThrowsInvalidData()
    {
        string path = Path.Combine(_folder, "n.fvecs");
        TexmexFile.WriteFvecs(path, [1, float.NaN], 2);
        Assert.Throws<InvalidDataException>(() => TexmexFile.ReadFvecs(path, out _, out _));
    }

    [Test]
    public void Read_EmptyFile_ThrowsInvalidData()
    {
        string path = Path.Combine(_folder, "e.fvecs");
        File.WriteAllBytes(path, []);
        Assert.Throws<InvalidDataException>(() => TexmexFile.ReadFvecs(path, out _, out _));
    }
}
