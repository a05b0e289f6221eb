-- PreferenceDataset: Ready is Healthy, Pending and Validating are Progressing, Failed (bad input) is Degraded.
local hs, status = phaseHealth({Pending = "Progressing", Validating = "Progressing", Ready = "Healthy",
  Failed = "Degraded"})
if status ~= nil and status.phase == "Ready" and status.trainPairs ~= nil then
  hs.message = "Ready: " .. status.trainPairs .. " training and " .. (status.validationPairs or 0)
    .. " validation pairs"
end
return hs
