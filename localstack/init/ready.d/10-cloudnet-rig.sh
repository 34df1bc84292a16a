#!/bin/bash
# Creates cloudnet's test rig in LocalStack: a VPC (10.0.0.0/16), subnets like the in-repo
# emulator's (10.0.0.0/19 for the node, 10.0.32.0/19 for pods, 10.0.64.0/27 small enough to
# exhaust), a security group and one running m5.large, then writes the ids to rig.env.
#
# Runs as a LocalStack ready hook (inside the container, with awslocal), or from the host
# against any EC2 endpoint that speaks the Query API (LocalStack, or cloudnet-emulator standing
# in for it: scripts/localstack-path.sh):
#   LOCALSTACK_ENDPOINT=http://localhost:4566 CLOUDNET_RIG_OUT=localstack/out localstack/init/ready.d/10-cloudnet-rig.sh
# Works with AWS CLI v1 and v2. Idempotent: a VPC tagged cloudnet-rig=true, its subnets (by CIDR),
# its group (by name) and a running instance in the primary subnet are reused.
set -euo pipefail

REGION="${AWS_DEFAULT_REGION:-us-east-1}"
AZ="${CLOUDNET_RIG_AZ:-${REGION}a}"
INSTANCE_TYPE="${CLOUDNET_RIG_INSTANCE_TYPE:-m5.large}"
if [ -n "${CLOUDNET_RIG_OUT:-}" ]; then
  OUT_DIR="$CLOUDNET_RIG_OUT"
elif [ -d /var/lib/cloudnet-rig ]; then
  OUT_DIR=/var/lib/cloudnet-rig                                          # the compose file's mount of localstack/out
else
  OUT_DIR="$(cd "$(dirname "$0")/../.." && pwd)/out"                     # localstack/out (git-ignored)
fi

export AWS_PAGER=""   # CLI v2 would otherwise pipe output through less
if [ -z "${LOCALSTACK_ENDPOINT:-}" ] && command -v awslocal >/dev/null 2>&1; then
  aws_() { awslocal --region "$REGION" "$@"; }                           # inside the LocalStack container
else
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
  aws_() { aws --endpoint-url "${LOCALSTACK_ENDPOINT:-http://localhost:4566}" --region "$REGION" "$@"; }
fi

log() { echo "cloudnet-rig: $*" >&2; }
tags() { echo "ResourceType=$1,Tags=[{Key=Name,Value=$2},{Key=cloudnet-rig,Value=true}]"; }

VPC_ID="$(aws_ ec2 describe-vpcs --filters Name=tag:cloudnet-rig,Values=true --query 'Vpcs[0].VpcId' --output text)"
if [ "$VPC_ID" = "None" ] || [ -z "$VPC_ID" ]; then
  VPC_ID="$(aws_ ec2 create-vpc --cidr-block 10.0.0.0/16 \
    --tag-specifications "$(tags vpc cloudnet-rig)" --query 'Vpc.VpcId' --output text)"
  log "created VPC $VPC_ID"
fi

subnet() { # name cidr
  local id
  id="$(aws_ ec2 describe-subnets --filters "Name=vpc-id,Values=$VPC_ID" "Name=cidr-block,Values=$2" \
    --query 'Subnets[0].SubnetId' --output text)"
  if [ "$id" = "None" ] || [ -z "$id" ]; then
    id="$(aws_ ec2 create-subnet --vpc-id "$VPC_ID" --cidr-block "$2" --availability-zone "$AZ" \
      --tag-specifications "$(tags subnet "$1")" --query 'Subnet.SubnetId' --output text)"
    log "created subnet $1 $2 = $id"
  fi
  echo "$id"
}
SUBNET_PRIMARY="$(subnet primary 10.0.0.0/19)"
SUBNET_PODS="$(subnet pods 10.0.32.0/19)"
SUBNET_SMALL="$(subnet small 10.0.64.0/27)"

SG_ID="$(aws_ ec2 describe-security-groups --filters "Name=vpc-id,Values=$VPC_ID" "Name=group-name,Values=cloudnet-node" \
  --query 'SecurityGroups[0].GroupId' --output text)"
if [ "$SG_ID" = "None" ] || [ -z "$SG_ID" ]; then
  SG_ID="$(aws_ ec2 create-security-group --vpc-id "$VPC_ID" --group-name cloudnet-node \
    --description "cloudnet test node" --query 'GroupId' --output text)"
  log "created security group $SG_ID"
fi

INSTANCE_ID="$(aws_ ec2 describe-instances --filters "Name=subnet-id,Values=$SUBNET_PRIMARY" Name=instance-state-name,Values=running \
  --query 'Reservations[0].Instances[0].InstanceId' --output text)"
if [ "$INSTANCE_ID" = "None" ] || [ -z "$INSTANCE_ID" ]; then
  # Mock instances accept any image LocalStack lists; take the first, with a documented fallback.
  AMI="$(aws_ ec2 describe-images --query 'Images[0].ImageId' --output text 2>/dev/null || true)"
  [ -n "$AMI" ] && [ "$AMI" != "None" ] || AMI="ami-df5de72bdb3b"
  INSTANCE_ID="$(aws_ ec2 run-instances --image-id "$AMI" --instance-type "$INSTANCE_TYPE" --count 1 \
    --subnet-id "$SUBNET_PRIMARY" --security-group-ids "$SG_ID" \
    --tag-specifications "$(tags instance cloudnet-node)" --query 'Instances[0].InstanceId' --output text)"
  log "launched $INSTANCE_TYPE instance $INSTANCE_ID from $AMI"
fi

PRIMARY_ENI="$(aws_ ec2 describe-instances --instance-ids "$INSTANCE_ID" \
  --query 'Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId' --output text)"

mkdir -p "$OUT_DIR"
cat > "$OUT_DIR/rig.env.tmp" <<ENV
# Written by localstack/init/ready.d/10-cloudnet-rig.sh; source it before running the tests.
export CLOUDNET_RIG_REGION=$REGION
export CLOUDNET_RIG_AZ=$AZ
export CLOUDNET_RIG_VPC_ID=$VPC_ID
export CLOUDNET_RIG_SUBNET_PRIMARY=$SUBNET_PRIMARY
export CLOUDNET_RIG_SUBNET_PODS=$SUBNET_PODS
export CLOUDNET_RIG_SUBNET_SMALL=$SUBNET_SMALL
export CLOUDNET_RIG_SECURITY_GROUP=$SG_ID
export CLOUDNET_RIG_INSTANCE_ID=$INSTANCE_ID
export CLOUDNET_RIG_INSTANCE_TYPE=$INSTANCE_TYPE
export CLOUDNET_RIG_PRIMARY_ENI=$PRIMARY_ENI
# What the AWS provider tests read (tests/Providers/Aws/Contracts/LocalStackContractTests.cs):
export AWS_REGION=$REGION
export CLOUDNET_TEST_INSTANCE_ID=$INSTANCE_ID
ENV
mv "$OUT_DIR/rig.env.tmp" "$OUT_DIR/rig.env"
log "rig ready: instance $INSTANCE_ID in $SUBNET_PRIMARY, ids in $OUT_DIR/rig.env"
