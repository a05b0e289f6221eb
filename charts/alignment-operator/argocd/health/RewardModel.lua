-- RewardModel: Ready is Healthy, Pending and Training are Progressing, Failed is Degraded.
local hs, status = phaseHealth({Pending = "Progressing", Training = "Progressing", Ready = "Healthy",
  Failed = "Degraded"})
if status ~= nil and status.phase == "Ready" and status.accuracy ~= nil then
  hs.message = "Ready: held-out accuracy " .. status.accuracy
end
return hs
