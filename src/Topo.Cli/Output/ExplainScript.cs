using System.Text;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// <c>topo explain FILE</c>: the whole lab as a shell script, the plan of building it from nothing. Each step
/// is a comment naming it, then its commands as they are typed; <c>set -e</c> stops at the first that fails,
/// as apply would.
/// </summary>
public static class ExplainScript
{
    public static string Render(Plan plan, string file, string stateDirectory = StepCommands.DefaultStateDirectory, NamespaceNames? names = null, string? host = null)
    {
        var summary = PlanSummary.Of(plan);
        var text = new StringBuilder("#!/bin/sh\n")
            .Append($"# Lab '{plan.Lab}' from {file}{(host is null ? "" : $", the share of host {host}")}, built by hand: the ip, nft and\n")
            .Append("# sysctl commands that topo apply stands for, in its order. Run as root where the lab is not\n")
            .Append($"# applied (sh SCRIPT); then topo plan finds nothing to do. {summary.Add} objects.\n")
            .Append("set -e\n");
        foreach (var step in plan.Steps)
        {
            text.Append('\n').Append("# ").Append(step.Subject.Describe(names ?? NamespaceNames.Plain)).Append('\n');
            foreach (var command in StepCommands.Of(step, plan.Lab, stateDirectory)) text.Append(command).Append('\n');
        }

        return text.ToString();
    }
}
