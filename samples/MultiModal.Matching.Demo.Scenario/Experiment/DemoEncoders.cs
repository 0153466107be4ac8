using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>The three encoders the scenario's collection is built with.</summary>
/// <param name="Text">Encodes descriptions.</param>
/// <param name="Image">Encodes pictures.</param>
/// <param name="Audio">Encodes sounds.</param>
public sealed record DemoEncoders(IEncoder<string> Text, IEncoder<RasterImage> Image, IEncoder<AudioClip> Audio);
