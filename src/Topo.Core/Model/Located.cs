namespace Topo.Core.Model;

/// <summary>A value as the user wrote it, with the place it was written.</summary>
public sealed record Located<T>(T Value, SourceMark Mark)
{
    public override string ToString() => Value?.ToString() ?? "";
}
