using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Kinds;

namespace Topo.Linux.Execute;

/// <summary>
/// Carries out one plan step: a replacement is a deletion then a creation, and a creation that
/// keeps a <see cref="Change.Before"/> (an object destroyed along with another) only creates.
/// A failure is reported with the step's object in front of the kernel's words.
/// </summary>
internal sealed class StepRunner(KindContext context)
{
    public void Run(Change step)
    {
        try
        {
            switch (step.Action)
            {
                case ChangeAction.Create: Create(step.After!); break;
                case ChangeAction.Update: KindDrivers.For(step.After!).Update(step.After!, step.Attrs, context); break;
                case ChangeAction.Replace:
                    Delete(step.Before!);
                    Create(step.After!);
                    break;
                case ChangeAction.Delete: Delete(step.Before!); break;
            }
        }
        catch (Exception e) when (Blame(step, e) is { } blamed)
        {
            throw blamed;
        }
    }

    /// <summary>A failure told as the step's (its verb and object in front), or null when it is not the kind a step reports.</summary>
    public static KernelException? Blame(Change step, Exception e) => e switch
    {
        KernelException k => new KernelException($"{Verb(step.Action)} {step.Subject.Describe()}: {k.Context}", k.Errno, k.KernelMessage, k),
        ArgumentException or FormatException or IOException => new KernelException($"{Verb(step.Action)} {step.Subject.Describe()}", 0, e.Message, e),
        _ => null,
    };

    private void Create(Resource resource) => KindDrivers.For(resource).Create(resource, context);

    private void Delete(Resource resource) => KindDrivers.For(resource).Delete(resource, context);

    private static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "creating",
        ChangeAction.Update => "changing",
        ChangeAction.Replace => "replacing",
        _ => "deleting",
    };
}
