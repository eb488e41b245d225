namespace Topo.Cli.Output;

/// <summary>"1 step", "3 steps": a count with its noun in the right number.</summary>
public static class Counted
{
    public static string Of(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
