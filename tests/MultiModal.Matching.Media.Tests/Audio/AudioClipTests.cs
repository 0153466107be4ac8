using MultiModal.Matching.Media.Audio;

namespace MultiModal.Matching.Media.Tests.Audio;

public sealed class AudioClipTests
{
    [Test]
    public void ToMono_AveragesChannels()
    {
        var clip = new AudioClip(new float[] { 1, 0, -1, 0.5f, 0.25f, 0.25f }, 3, 8000);
        Assert.That(clip.FrameCount, Is.EqualTo(2));
        Assert.That(clip.ToMono().Samples.ToArray(), Is.EqualTo(new[] { 0f, (0.5f + 0.25f + 0.25f) / 3 }).Within(1e-7f));
        var stereo = new AudioClip(new float[] { 1, 0, -1, 0.5f }, 2, 8000);
        Assert.That(stereo.ToMono().Samples.ToArray(), Is.EqualTo(new[] { 0.5f, -0.25f }));
    }

    [Test]
    public void ToMono_Mono_ReturnsSelf()
    {
        var clip = new AudioClip(new float[] { 1, 2 }, 1, 8000);
        Assert.That(clip.ToMono(), Is.SameAs(clip));
        Assert.That(clip.Duration, Is.EqualTo(2.0 / 8000));
    }

    [Test]
    public void GetChannel_CopiesChannel()
    {
        var clip = new AudioClip(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 8000);
        Assert.That(clip.GetChannel(1).Samples.ToArray(), Is.EqualTo(new float[] { 2, 4, 6 }));
        Assert.That(() => clip.GetChannel(2), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Constructor_Invalid_Throws()
    {
        Assert.That(() => new AudioClip(new float[3], 2, 8000), Throws.ArgumentException);
        Assert.That(() => new AudioClip(new float[2], 0, 8000), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new AudioClip(new float[2], 1, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new AudioClip(new[] { 0f, float.NaN }, 1, 8000), Throws.ArgumentException);
    }
}
