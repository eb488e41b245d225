using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Explain;

/// <summary>
/// What a person would type to carry out one plan step by hand: <c>ip</c>, <c>nft</c> and
/// <c>sysctl</c> commands, in the order topo's own kernel steps go, marks included, so that a lab
/// built by hand is the lab's as much as one built by <c>topo apply</c>. A command may span
/// lines (an <c>nft</c> here-document); a line starting with <c>#</c> is a note, not a command.
/// </summary>
public static class StepCommands
{
    public const string DefaultStateDirectory = "/run/topo";

    /// <param name="stateDirectory">Where topo keeps a host sysctl's value from before the lab.</param>
    public static ImmutableArray<string> Of(Change step, string lab, string stateDirectory = DefaultStateDirectory)
    {
        var context = new ExplainContext(Ownership.Mark(lab), new SysctlCommands(lab, stateDirectory));
        var text = KindTexts.For(step.Subject);
        return step.Action switch
        {
            ChangeAction.Create when step.Before is not null => [.. text.Recreate(step.After!, context)],
            ChangeAction.Create => [.. text.Create(step.After!, context)],
            ChangeAction.Update => [.. text.Update(step.After!, step.Attrs, context)],
            ChangeAction.Replace => [.. KindTexts.For(step.Before!).Delete(step.Before!, context), .. text.Create(step.After!, context)],
            _ => [.. text.Delete(step.Before!, context)],
        };
    }
}
