using MultiModal.Matching.Media.Encoders;

namespace MultiModal.Matching.Media.Tests.Encoders;

public sealed class TabularEncoderTests
{
    private static Dictionary<string, object?> Row(object? price, object? colour, object? rooms = null) =>
        new() { ["price"] = price, ["colour"] = colour, ["rooms"] = rooms };

    private static readonly Dictionary<string, object?>[] Training =
    [
        Row(100.0, "red", 2), Row(200.0, "blue", 3), Row(300.0, "red", 4), Row(400.0, "green", 3), Row(500.0, "red", 5),
    ];

    private static readonly TabularColumn[] Columns =
        [TabularColumn.Numeric("price"), TabularColumn.Categorical("colour", maxCategories: 2), TabularColumn.Numeric("rooms", weight: 2)];

    private static float[] Encode(TabularEncoder encoder, IReadOnlyDictionary<string, object?> row)
    {
        var v = new float[encoder.Dimension];
        encoder.Encode(row, v);
        return v;
    }

    [Test]
    public void Encode_Unnormalised_IsZScoresAndOneHot()
    {
        TabularEncoder encoder = TabularEncoder.Fit(Training, Columns, normalize: false);
        Assert.That(encoder.Dimension, Is.EqualTo(1 + 2 + 1)); // price, {red, blue} (top 2; blue beats green by ordinal tie-break), rooms
        Assert.That(encoder.ColumnNames, Is.EqualTo(new[] { "price", "colour", "rooms" }));
        double priceStd = Math.Sqrt(new[] { 100.0, 200, 300, 400, 500 }.Average(x => (x - 300) * (x - 300)));
        double roomsStd = Math.Sqrt(new[] { 2.0, 3, 4, 3, 5 }.Average(x => (x - 3.4) * (x - 3.4)));
        float[] v = Encode(encoder, Row("450", "blue", 4));
        Assert.That(v[0], Is.EqualTo((float)(150 / priceStd)).Within(1e-6));
        Assert.That(v[1], Is.EqualTo(0f));
        Assert.That(v[2], Is.EqualTo(1f));
        Assert.That(v[3], Is.EqualTo((float)(2 * 0.6 / roomsStd)).Within(1e-6));
    }

    [Test]
    public void Encode_MissingAndUnseen_AreNeutral()
    {
        TabularEncoder encoder = TabularEncoder.Fit(Training, Columns, normalize: false);
        float[] v = Encode(encoder, new Dictionary<string, object?> { ["colour"] = "purple", ["extra"] = 7 });
        Assert.That(v, Is.EqualTo(new float[4]));
        Assert.That(Encode(encoder, Row(double.NaN, null, double.PositiveInfinity)), Is.EqualTo(new float[4]));
    }

    [Test]
    public void Encode_Normalised_IsUnitLength_AndDeterministic()
    {
        TabularEncoder encoder = TabularEncoder.Fit(Training, Columns);
        float[] a = Encode(encoder, Row(120.5, "red", 2));
        Assert.That(Math.Sqrt(a.Sum(x => (double)x * x)), Is.EqualTo(1).Within(1e-6));
        Assert.That(Encode(TabularEncoder.Fit(Training, Columns), Row(120.5, "red", 2)), Is.EqualTo(a));
    }

    [Test]
    public void Encode_NonNumericValueInNumericColumn_Throws()
    {
        TabularEncoder encoder = TabularEncoder.Fit(Training, Columns);
        Assert.That(() => Encode(encoder, Row("cheap", "red")), Throws.ArgumentException.With.Message.Contains("price"));
    }

    [Test]
    public void SaveLoad_RoundTrips_IdentityAndOutput()
    {
        TabularEncoder encoder = TabularEncoder.Fit(Training, Columns);
        using var stream = new MemoryStream();
        encoder.Save(stream);
        stream.Position = 0;
        TabularEncoder loaded = TabularEncoder.Load(stream);
        Assert.That(loaded.Identity, Is.EqualTo(encoder.Identity));
        Assert.That(loaded.Dimension, Is.EqualTo(encoder.Dimension));
        Assert.That(Encode(loaded, Row(333, "green", 1)), Is.EqualTo(Encode(encoder, Row(333, "green", 1))));
        Assert.That(TabularEncoder.Fit(Training.Take(3), Columns).Identity, Is.Not.EqualTo(encoder.Identity));
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("null")]
    [TestCase("{\"FormatVersion\":2,\"Normalize\":true,\"Columns\":[{\"Name\":\"a\",\"Kind\":\"Numeric\",\"Weight\":1}]}")]
    [TestCase("{\"FormatVersion\":1,\"Normalize\":true,\"Columns\":[]}")]
    [TestCase("{\"FormatVersion\":1,\"Normalize\":true,\"Columns\":[{\"Name\":\"a\",\"Kind\":\"Numeric\",\"Weight\":0}]}")]
    [TestCase("{\"FormatVersion\":1,\"Normalize\":true,\"Columns\":[{\"Name\":\"a\",\"Kind\":\"Categorical\",\"Weight\":1}]}")]
    [TestCase("{\"FormatVersion\":1,\"Normalize\":true,\"Columns\":[{\"Name\":\"a\",\"Kind\":\"Categorical\",\"Weight\":1,\"Categories\":[\"x\",\"x\"]}]}")]
    [TestCase("{\"FormatVersion\":1,\"Normalize\":true,\"Columns\":[{\"Name\":\"a\",\"Kind\":\"Numeric\",\"Weight\":1},{\"Name\":\"a\",\"Kind\":\"Numeric\",\"Weight\":1}]}")]
    [TestCase("{\"FormatVersion\":1,\"Normalize\":true,\"Columns\":[{\"Name\":\"a\",\"Kind\":\"Other\",\"Weight\":1}]}")]
    public void Load_InvalidJson_ThrowsInvalidData(string json) =>
        Assert.That(() => TabularEncoder.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))), Throws.TypeOf<InvalidDataException>());

    [Test]
    public void Fit_InvalidArguments_Throw()
    {
        Assert.That(() => TabularEncoder.Fit([], Columns), Throws.ArgumentException);
        Assert.That(() => TabularEncoder.Fit(Training, []), Throws.ArgumentException);
        Assert.That(() => TabularEncoder.Fit(Training, [TabularColumn.Numeric("a"), TabularColumn.Numeric("a")]), Throws.ArgumentException);
        Assert.That(() => TabularEncoder.Fit(Training, [TabularColumn.Categorical("missing")]), Throws.ArgumentException);
        Assert.That(() => TabularColumn.Numeric("x", weight: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => TabularColumn.Categorical("x", maxCategories: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
