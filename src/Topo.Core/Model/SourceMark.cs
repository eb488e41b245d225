namespace Topo.Core.Model;

/// <summary>Where a value stands in the lab file (1-based), so every error can point at it.</summary>
public readonly record struct SourceMark(int Line, int Column)
{
    public static readonly SourceMark None = new(0, 0);

    public override string ToString() => $"{Line}:{Column}";
}
