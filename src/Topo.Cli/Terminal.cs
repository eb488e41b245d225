namespace Topo.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, errors to <see cref="Error"/>. Tests pass their own writers.</summary>
public sealed record Terminal(TextWriter Out, TextWriter Error, bool IsInteractive);
