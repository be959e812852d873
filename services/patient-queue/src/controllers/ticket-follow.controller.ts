import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FollowContracts, QueueContracts, ReplyOf, RequestOf, RpcEnvelope } from '@mediq/contracts';
import { TicketFollowService } from '../services/ticket-follow.service';

@Controller()
export class TicketFollowController {
  constructor(private readonly follow: TicketFollowService) {}

  @MessagePattern(FollowContracts.issue.pattern)
  issue(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof FollowContracts.issue>>): Promise<ReplyOf<typeof FollowContracts.issue>> {
    return this.follow.issue(actor, data.ticketId);
  }

  @MessagePattern(FollowContracts.view.pattern)
  view(@Payload() { data }: RpcEnvelope<RequestOf<typeof FollowContracts.view>>): Promise<ReplyOf<typeof FollowContracts.view>> {
    return this.follow.view(data.followToken);
  }

  @MessagePattern(QueueContracts.patientVisited.pattern)
  patientVisited(
    @Payload() { actor, data }: RpcEnvelope<RequestOf<typeof QueueContracts.patientVisited>>,
  ): Promise<ReplyOf<typeof QueueContracts.patientVisited>> {
    return this.follow.patientVisited(actor, data.patientUserId, data.institutionId);
  }
}
