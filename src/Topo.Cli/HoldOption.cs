using System.CommandLine;
using Topo.Core.Planning;

namespace Topo.Cli;

/// <summary>
/// <c>--hold</c> (hidden; the fan-out's, not a person's): apply or down plans, prints <see cref="Marker"/> on a
/// line of its own, and waits for a line on standard input: <c>go</c> carries the plan out, anything else or
/// the end of input leaves the kernel as it is. One ssh session per machine then both plans and applies, and
/// nothing is applied anywhere until every machine has planned.
/// </summary>
public sealed class HoldOption
{
    public const string Name = "--hold";
    public const string Marker = "topo: planned, holding";
    public const string Go = "go";

    public Option<bool> Option { get; } = new(Name) { Hidden = true, Description = "Plan, print the hold marker, and carry the plan out only when standard input says go." };

    /// <summary>The gate for <c>Reconciler.Approve</c> when <c>--hold</c> was given, else null.</summary>
    public Func<Plan, bool>? Gate(ParseResult parse, Terminal terminal) => parse.GetValue(Option) ? _ =>
    {
        terminal.Out.WriteLine(Marker);
        terminal.Out.Flush();
        return Console.In.ReadLine() == Go;
    } : null;
}
