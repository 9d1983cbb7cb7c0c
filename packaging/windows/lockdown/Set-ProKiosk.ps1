#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Lock a Windows Pro PC down as a pass Culture kiosk, as far as Pro allows (no Shell
    Launcher, no Keyboard Filter there): auto-logon account, logon task, policies.

.DESCRIPTION
    Run once per PC, as an administrator, after installing the MSI (docs/deploy-windows.md
    says what this fallback cannot prevent, and why Enterprise/Education with
    Set-ShellLauncher.ps1 is stronger).
    1. Creates (or reuses) the local standard account -Account, with a random password that
       nobody needs to know, and signs it in automatically at start-up (password kept as an
       LSA secret, never in clear in the registry).
    2. Registers the scheduled task \passculture-kiosk\kiosk, run at that account's logon in
       its session: Start-Kiosk.ps1 -Restart completes a pending enrollment, starts the kiosk
       full screen and starts it again whenever it crashes.
    3. Policies for that account: Task Manager disabled (DisableTaskMgr), Windows-key
       shortcuts and Run disabled, lock and password change hidden, toast notifications and
       the notification centre off (NoToastApplicationNotification,
       DisableNotificationCenter); for the PC: edge swipes off (AllowEdgeSwipe = 0), no
       screen sleep or standby.
    4. Keyboard Filter where the edition has it (Enterprise, Education, IoT Enterprise run
       this fallback too, if IT prefers it): Ctrl+Alt+Del, Alt+Tab, Alt+F4, the Windows key...
       blocked for every account but the administrators. On Pro it is reported as missing.
    Restart the PC to start the kiosk. Remove-KioskLockdown.ps1 undoes all of it.

.PARAMETER Account
    Name of the local kiosk account (created when missing). Default: kiosk.

.PARAMETER NoKeyboardFilter
    Leave Keyboard Filter alone.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File "C:\Program Files\passculture-kiosk\tools\lockdown\Set-ProKiosk.ps1"
#>
param(
    [ValidatePattern('^[^\\/"\[\]:;|=,+*?<>@]{1,20}$')]
    [string] $Account = 'kiosk',
    [switch] $NoKeyboardFilter
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'KioskLockdown.psm1') -Force

$edition = Get-KioskEdition
if ($edition -eq 'Home') {
    throw 'Windows Home cannot run a kiosk: it has no auto-logon policies, Shell Launcher or Keyboard Filter worth the name. Upgrade the PC to Pro, or better Enterprise/Education.'
}
if ($edition -eq 'ShellLauncher') {
    Write-KioskLog 'note: this edition has Shell Launcher; Set-ShellLauncher.ps1 locks the PC down better than this fallback'
}

$password = New-KioskPassword
$sid = Initialize-KioskAccount -Name $Account -Password $password
Set-KioskAutoLogon -Name $Account -Password $password
Set-KioskUserPolicies -Sid $sid -Name $Account
Set-KioskMachinePolicies
Protect-PendingEnrollment -Sid $sid

$powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
$launcher = Join-Path (Get-KioskInstallDir) 'tools\Start-Kiosk.ps1'
$user = "$env:COMPUTERNAME\$Account"
$action = New-ScheduledTaskAction -Execute $powershell -Argument (
    '-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File "{0}" -Restart' -f $launcher)
$trigger = New-ScheduledTaskTrigger -AtLogOn -User $user
# Interactive: in the account's own desktop session, with its own secret store.
$principal = New-ScheduledTaskPrincipal -UserId $user -LogonType Interactive -RunLevel Limited
$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -MultipleInstances IgnoreNew `
    -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1)
Register-ScheduledTask -TaskName 'kiosk' -TaskPath '\passculture-kiosk\' -Action $action `
    -Trigger $trigger -Principal $principal -Settings $settings -Force | Out-Null
Write-KioskLog "logon task \passculture-kiosk\kiosk registered: $Account starts the kiosk at sign-in"

if (-not $NoKeyboardFilter) {
    $state = Enable-KioskKeyboardFilter
    if ($state -eq 'Unavailable') {
        Write-KioskLog 'without Keyboard Filter, Ctrl+Alt+Del still opens the security screen (Task Manager is disabled there); see docs/deploy-windows.md'
    } elseif ($state -eq 'RebootRequired') {
        Write-KioskLog 'after the restart, run this script again once to block the keys'
    }
}
Write-KioskLog "done: restart the PC; $Account signs in and the kiosk starts"
